import ArgumentParser
import Foundation
import Ledger

/// `alvh void EVENT-ID --reason TEXT`: a correction; nothing is ever edited.
struct VoidCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Record that an earlier event was wrong (a correction; events are never edited).",
        discussion: "In a condor or hedge stream only the latest event that still counts can be voided: void in reverse order to undo more. Any market observation can be voided.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The wrong event's id.", valueName: "EVENT-ID"), transform: Field.event.readArgument) var event: Checked<UUID>
    @Option(name: Field.reason.long, parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT"), transform: Field.reason.read)
    var reason: Checked<String>
    @OptionGroup var recording: RecordingOptions

    func ledgerCommand() throws -> LedgerCommand {
        .voidEvent(VoidEvent(eventID: try event.get(), reason: try reason.get()))
    }
}
