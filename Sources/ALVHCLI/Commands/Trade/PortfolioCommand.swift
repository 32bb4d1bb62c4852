import ArgumentParser
import Foundation
import Ledger

/// `alvh portfolio add NAME` and `alvh portfolio set NAME --capital USD`. Portfolios come to exist here or on the first `condor open` in them;
/// `hedge add --portfolio NAME` needs an existing one.
struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio", abstract: "Manage portfolios (a condor open in a new name also creates it).",
        subcommands: [PortfolioAddCommand.self, PortfolioSetCommand.self])
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

/// `alvh portfolio set NAME --capital USD`: the account size that returns are measured on.
struct PortfolioSetCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Declare a portfolio's account size (returns in alvh stats are then on account equity).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("An existing portfolio's name.", valueName: "NAME"), transform: Field.name.readArgument)
    var name: Checked<String>
    @Option(name: Field.capital.long, parsing: .unconditional, help: ArgumentHelp("The account size in dollars (> 0).", valueName: "USD"),
            transform: Field.capital.read) var capital: Checked<Decimal>
    @OptionGroup var recording: RecordingOptions

    func ledgerCommand() throws -> LedgerCommand {
        .setPortfolioCapital(SetPortfolioCapital(name: try name.get(), capital: try capital.get()))
    }
}
