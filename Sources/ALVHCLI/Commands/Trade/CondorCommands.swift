import ArgumentParser
import Ledger

/// `alvh condor …`: the iron condor's life: open, roll, defer, close, expire.
struct CondorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "condor",
        abstract: "Record iron condor trades: open, roll, defer, close, expire.",
        subcommands: [CondorOpenCommand.self, CondorRollCommand.self, CondorDeferCommand.self, CondorCloseCommand.self, CondorExpireCommand.self])
}

struct CondorOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Sell an iron condor (long put < short put < short call < long call, one expiry).",
        discussion: "Prices are per unit in index points; --credit is the net credit per condor; --fees are dollars for the whole order. A new portfolio name creates the portfolio.")

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Portfolio name (created if new).", valueName: "NAME")) var portfolio: String
    @Option(parsing: .unconditional, help: ArgumentHelp("SPX (AM-settled monthly), SPXW or XSP (PM).", valueName: "SPX|SPXW|XSP")) var underlying: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Expiry date.", valueName: "YYYY-MM-DD")) var expiry: String
    @Option(name: .customLong("long-put"), parsing: .unconditional, help: ArgumentHelp("Long put strike.", valueName: "K")) var longPut: String
    @Option(name: .customLong("short-put"), parsing: .unconditional, help: ArgumentHelp("Short put strike.", valueName: "K")) var shortPut: String
    @Option(name: .customLong("short-call"), parsing: .unconditional, help: ArgumentHelp("Short call strike.", valueName: "K")) var shortCall: String
    @Option(name: .customLong("long-call"), parsing: .unconditional, help: ArgumentHelp("Long call strike.", valueName: "K")) var longCall: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Number of condors (≥ 1).", valueName: "N")) var contracts: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Net credit per unit, index points.", valueName: "PRICE")) var credit: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fees in dollars for the whole order (default 0).", valueName: "USD")) var fees: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When it happened (default now).", valueName: "ISO8601")) var at: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The condor's id (default derived from the command id).", valueName: "UUID")) var id: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Free text, stored verbatim.", valueName: "TEXT")) var note: String?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments()
        a.set("--portfolio", portfolio); a.set("--underlying", underlying); a.set("--expiry", expiry)
        a.set("--long-put", longPut); a.set("--short-put", shortPut); a.set("--short-call", shortCall); a.set("--long-call", longCall)
        a.set("--contracts", contracts); a.set("--credit", credit); a.set("--fees", fees); a.set("--at", at); a.set("--id", id); a.set("--note", note)
        signals.add(to: &a)
        try TradeRunner.record("condor open", a, global: global, recording: recording)
    }
}

struct CondorRollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roll",
        abstract: "Close one or both spreads of a condor and open new ones.",
        discussion: "--close-price is the net debit per unit to close the legs concerned, --open-price the net credit per unit for the new ones. Strikes not given stay; a new --expiry needs --side both.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID")) var condor: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Which spread is rolled.", valueName: "put|call|both")) var side: String
    @Option(parsing: .unconditional, help: ArgumentHelp("New expiry (with --side both).", valueName: "YYYY-MM-DD")) var expiry: String?
    @Option(name: .customLong("long-put"), parsing: .unconditional, help: ArgumentHelp("New long put strike.", valueName: "K")) var longPut: String?
    @Option(name: .customLong("short-put"), parsing: .unconditional, help: ArgumentHelp("New short put strike.", valueName: "K")) var shortPut: String?
    @Option(name: .customLong("short-call"), parsing: .unconditional, help: ArgumentHelp("New short call strike.", valueName: "K")) var shortCall: String?
    @Option(name: .customLong("long-call"), parsing: .unconditional, help: ArgumentHelp("New long call strike.", valueName: "K")) var longCall: String?
    @Option(name: .customLong("close-price"), parsing: .unconditional, help: ArgumentHelp("Net debit per unit to close.", valueName: "PRICE")) var closePrice: String
    @Option(name: .customLong("open-price"), parsing: .unconditional, help: ArgumentHelp("Net credit per unit to open.", valueName: "PRICE")) var openPrice: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD")) var fees: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When it happened (default now).", valueName: "ISO8601")) var at: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT")) var reason: String?
    @OptionGroup var trigger: TriggerOptions
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments(positional: condor)
        a.set("--side", side); a.set("--expiry", expiry)
        a.set("--long-put", longPut); a.set("--short-put", shortPut); a.set("--short-call", shortCall); a.set("--long-call", longCall)
        a.set("--close-price", closePrice); a.set("--open-price", openPrice); a.set("--fees", fees); a.set("--at", at); a.set("--reason", reason)
        trigger.add(to: &a)
        signals.add(to: &a)
        try TradeRunner.record("condor roll", a, global: global, recording: recording)
    }
}

struct CondorDeferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "defer", abstract: "Record a roll that was deliberately not made.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID")) var condor: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Why the roll was not made, verbatim.", valueName: "TEXT")) var reason: String
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601")) var at: String?
    @OptionGroup var trigger: TriggerOptions
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments(positional: condor)
        a.set("--reason", reason); a.set("--at", at)
        trigger.add(to: &a)
        signals.add(to: &a)
        try TradeRunner.record("condor defer", a, global: global, recording: recording)
    }
}

struct CondorCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Buy a condor back before expiry.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID")) var condor: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Net debit per unit for all four legs.", valueName: "PRICE")) var price: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Commissions in dollars for the whole order (default 0).", valueName: "USD")) var fees: String?
    @Option(name: .customLong("exchange-fees"), parsing: .unconditional,
            help: ArgumentHelp("Exchange and regulatory fees in dollars for the whole order (default 0).", valueName: "USD")) var exchangeFees: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601")) var at: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Why (default manual).", valueName: "take-profit|stop|time|alvh|manual")) var reason: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Free text, verbatim.", valueName: "TEXT")) var note: String?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments(positional: condor)
        a.set("--price", price); a.set("--fees", fees); a.set("--exchange-fees", exchangeFees); a.set("--at", at); a.set("--reason", reason)
        a.set("--note", note)
        signals.add(to: &a)
        try TradeRunner.record("condor close", a, global: global, recording: recording)
    }
}

struct CondorExpireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire", abstract: "Cash settle a condor at its expiry.",
        discussion: "Without --at the event is dated at the settlement instant: 09:30 New York for SPX (AM), 16:00 for SPXW and XSP (PM).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID")) var condor: String
    @Option(parsing: .unconditional, help: ArgumentHelp("The index settlement level.", valueName: "INDEX-LEVEL")) var settlement: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD")) var fees: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When (default the settlement instant).", valueName: "ISO8601")) var at: String?
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        var a = CommandArguments(positional: condor)
        a.set("--settlement", settlement); a.set("--fees", fees); a.set("--at", at)
        try TradeRunner.record("condor expire", a, global: global, recording: recording)
    }
}
