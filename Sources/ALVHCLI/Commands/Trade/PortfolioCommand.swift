import ArgumentParser
import Ledger

/// `alvh portfolio add NAME`. Portfolios come to exist here or on the first `condor open` in them;
/// `hedge add --portfolio NAME` needs an existing one.
struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio", abstract: "Manage portfolios (a condor open in a new name also creates it).",
        subcommands: [PortfolioAddCommand.self])
}

struct PortfolioAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a portfolio.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The portfolio's name (any text, ≤ 200 characters).", valueName: "NAME")) var name: String
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        try TradeRunner.record("portfolio add", CommandArguments(positional: name), global: global, recording: recording)
    }
}
