import ArgumentParser
import Ledger

/// `alvh hedge …`: hedge layers: add, reduce, close.
struct HedgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedge",
        abstract: "Record VIX hedge layers: add, reduce, close.",
        subcommands: [HedgeAddCommand.self, HedgeReduceCommand.self, HedgeCloseCommand.self])
}

struct HedgeAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Buy a hedge layer protecting open condors or a whole portfolio.",
        discussion: "SPEC: 'VX YYYY-MM' (VIX future, ×1000) | 'VIX YYYY-MM-DD C|P STRIKE' (VIX option, ×100) | VXX | UVXY | VIXY (shares). --portfolio must name an existing portfolio.")

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Condors protected (one portfolio).", valueName: "ID[,ID...]")) var protects: [String] = []
    @Option(parsing: .unconditional, help: ArgumentHelp("Protect a whole existing portfolio.", valueName: "NAME")) var portfolio: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("What is bought.", valueName: "SPEC")) var instrument: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Contracts or shares bought (≥ 1).", valueName: "Q")) var quantity: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fill per unit.", valueName: "PRICE")) var price: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD")) var fees: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("ALVH layer tier.", valueName: "N")) var tier: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601")) var at: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The layer's id (default derived from the command id).", valueName: "UUID")) var id: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT")) var reason: String?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments()
        a.set("--protects", all: protects); a.set("--portfolio", portfolio); a.set("--instrument", instrument); a.set("--quantity", quantity)
        a.set("--price", price); a.set("--fees", fees); a.set("--tier", tier); a.set("--at", at); a.set("--id", id); a.set("--reason", reason)
        signals.add(to: &a)
        try TradeRunner.record("hedge add", a, global: global, recording: recording)
    }
}

struct HedgeReduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reduce", abstract: "Sell part of a hedge layer (less than it holds).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The layer's id.", valueName: "LAYER")) var layer: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Contracts or shares sold.", valueName: "Q")) var quantity: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fill per unit.", valueName: "PRICE")) var price: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD")) var fees: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601")) var at: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT")) var reason: String?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments(positional: layer)
        a.set("--quantity", quantity); a.set("--price", price); a.set("--fees", fees); a.set("--at", at); a.set("--reason", reason)
        signals.add(to: &a)
        try TradeRunner.record("hedge reduce", a, global: global, recording: recording)
    }
}

struct HedgeCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Sell what a hedge layer still holds.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The layer's id.", valueName: "LAYER")) var layer: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fill per unit.", valueName: "PRICE")) var price: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD")) var fees: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601")) var at: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT")) var reason: String?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments(positional: layer)
        a.set("--price", price); a.set("--fees", fees); a.set("--at", at); a.set("--reason", reason)
        signals.add(to: &a)
        try TradeRunner.record("hedge close", a, global: global, recording: recording)
    }
}
