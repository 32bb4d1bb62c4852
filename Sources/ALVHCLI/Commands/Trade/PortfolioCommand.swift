import ArgumentParser
import Foundation
import Ledger

/// `alvh portfolio add NAME`. Portfolios come to exist here or on the first `condor open` in them;
/// `hedge add --portfolio NAME` needs an existing one.
struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio", abstract: "Manage portfolios (a condor open in a new name also creates it).",
        subcommands: [PortfolioAddCommand.self])
}

struct PortfolioAddCommand: RecordingCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a portfolio.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The portfolio's name (any text, ≤ 200 characters).", valueName: "NAME"), transform: Field.name.readArgument)
    var name: Checked<String>
    @OptionGroup var recording: RecordingOptions

    func ledgerCommand() throws -> LedgerCommand {
        .addPortfolio(AddPortfolio(name: try name.get()))
    }
}
