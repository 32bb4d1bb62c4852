import ArgumentParser
import Ledger

/// `alvh void EVENT-ID --reason TEXT`: a correction; nothing is ever edited.
struct VoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Record that an earlier event was wrong (a correction; events are never edited).",
        discussion: "In a condor or hedge stream only the latest event that still counts can be voided: void in reverse order to undo more. Any market observation can be voided.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The wrong event's id.", valueName: "EVENT-ID")) var event: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT")) var reason: String
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments(positional: event)
        a.set("--reason", reason)
        try TradeRunner.record("void", a, global: global, recording: recording)
    }
}
