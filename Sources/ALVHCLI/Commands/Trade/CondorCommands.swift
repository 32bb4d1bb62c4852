import ArgumentParser
import Foundation
import Ledger

/// `alvh condor …`: the iron condor's life: open, roll, defer, close, expire.
struct CondorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "condor",
        abstract: "Record iron condor and credit spread trades: open, roll, defer, close, expire, leg in.",
        subcommands: [CondorOpenCommand.self, CondorRollCommand.self, CondorDeferCommand.self, CondorCloseCommand.self, CondorExpireCommand.self,
                      CondorLegInCommand.self])
}

struct CondorOpenCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Sell an iron condor (long put < short put < short call < long call, one expiry), or a credit spread.",
        discussion: "A put credit spread is the put strikes alone, a call credit spread the call strikes alone. Prices are per unit in index points; --credit is the net credit per condor, below its widest wing; --fees are dollars for the whole order. A new portfolio name creates the portfolio.")

    @OptionGroup var global: GlobalOptions
    @Option(name: Field.portfolio.long, parsing: .unconditional, help: ArgumentHelp("Portfolio name (created if new).", valueName: "NAME"),
            transform: Field.portfolio.read) var portfolio: Checked<String>
    @Option(name: Field.underlying.long, parsing: .unconditional, help: ArgumentHelp("SPX (AM-settled monthly), SPXW or XSP (PM).", valueName: "SPX|SPXW|XSP"),
            transform: Field.underlying.read) var underlying: Checked<Underlying>
    @Option(name: Field.expiry.long, parsing: .unconditional, help: ArgumentHelp("Expiry date.", valueName: "YYYY-MM-DD"),
            transform: Field.expiry.read) var expiry: Checked<CalendarDate>
    @Option(name: Field.longPut.long, parsing: .unconditional, help: ArgumentHelp("Long put strike (not for a call credit spread).", valueName: "K"),
            transform: Field.longPut.read) var longPut: Checked<Decimal>?
    @Option(name: Field.shortPut.long, parsing: .unconditional, help: ArgumentHelp("Short put strike (not for a call credit spread).", valueName: "K"),
            transform: Field.shortPut.read) var shortPut: Checked<Decimal>?
    @Option(name: Field.shortCall.long, parsing: .unconditional, help: ArgumentHelp("Short call strike (not for a put credit spread).", valueName: "K"),
            transform: Field.shortCall.read) var shortCall: Checked<Decimal>?
    @Option(name: Field.longCall.long, parsing: .unconditional, help: ArgumentHelp("Long call strike (not for a put credit spread).", valueName: "K"),
            transform: Field.longCall.read) var longCall: Checked<Decimal>?
    @Option(name: Field.contracts.long, parsing: .unconditional, help: ArgumentHelp("Number of condors (≥ 1).", valueName: "N"), transform: Field.contracts.read)
    var contracts: Checked<Int>
    @Option(name: Field.credit.long, parsing: .unconditional, help: ArgumentHelp("Net credit per unit, index points.", valueName: "PRICE"),
            transform: Field.credit.read) var credit: Checked<Decimal>
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Fees in dollars for the whole order (default 0).", valueName: "USD"),
            transform: Field.fees.read) var fees: Checked<Decimal>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When it happened (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @Option(name: Field.id.long, parsing: .unconditional, help: ArgumentHelp("The condor's id (default derived from the command id).", valueName: "UUID"),
            transform: Field.id.read) var id: Checked<UUID>?
    @Option(name: Field.note.long, parsing: .unconditional, help: ArgumentHelp("Free text, stored verbatim.", valueName: "TEXT"), transform: Field.note.read)
    var note: Checked<String>?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    /// The fields in `OpenCondor.parse`'s order, so the first broken rule is the one a CSV row reports.
    func ledgerCommand() throws -> LedgerCommand {
        .openCondor(try OpenCondor.checked(
            portfolio: try portfolio.get(), underlying: try underlying.get(),
            strikes: try IronCondorLegs(expiry: expiry.get(), longPut: longPut?.get(), shortPut: shortPut?.get(), shortCall: shortCall?.get(),
                                        longCall: longCall?.get()),
            contracts: try contracts.get(), credit: try credit.get(), fees: try fees?.get() ?? 0, at: try at?.get(), condorID: try id?.get(),
            signals: try signals.signals(), note: try note?.get()))
    }
}

struct CondorRollCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "roll",
        abstract: "Close one or both spreads of a condor and open new ones.",
        discussion: "--close-price is the net debit per unit to close the legs concerned, --open-price the net credit per unit for the new ones (below their width). Strikes not given stay; a new --expiry needs every leg (--side both, or a credit spread's side). --contracts N rolls N of the open contracts: they continue as a new condor, the rest stay.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID"), transform: Field.condor.readArgument) var condor: Checked<UUID>
    @Option(name: Field.side.long, parsing: .unconditional, help: ArgumentHelp("Which spread is rolled.", valueName: "put|call|both"), transform: Field.side.read)
    var side: Checked<RollSide>
    @Option(name: Field.expiry.long, parsing: .unconditional, help: ArgumentHelp("New expiry (with --side both).", valueName: "YYYY-MM-DD"),
            transform: Field.expiry.read) var expiry: Checked<CalendarDate>?
    @Option(name: Field.longPut.long, parsing: .unconditional, help: ArgumentHelp("New long put strike.", valueName: "K"), transform: Field.longPut.read)
    var longPut: Checked<Decimal>?
    @Option(name: Field.shortPut.long, parsing: .unconditional, help: ArgumentHelp("New short put strike.", valueName: "K"), transform: Field.shortPut.read)
    var shortPut: Checked<Decimal>?
    @Option(name: Field.shortCall.long, parsing: .unconditional, help: ArgumentHelp("New short call strike.", valueName: "K"), transform: Field.shortCall.read)
    var shortCall: Checked<Decimal>?
    @Option(name: Field.longCall.long, parsing: .unconditional, help: ArgumentHelp("New long call strike.", valueName: "K"), transform: Field.longCall.read)
    var longCall: Checked<Decimal>?
    @Option(name: Field.closePrice.long, parsing: .unconditional, help: ArgumentHelp("Net debit per unit to close.", valueName: "PRICE"),
            transform: Field.closePrice.read) var closePrice: Checked<Decimal>
    @Option(name: Field.openPrice.long, parsing: .unconditional, help: ArgumentHelp("Net credit per unit to open.", valueName: "PRICE"),
            transform: Field.openPrice.read) var openPrice: Checked<Decimal>
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD"), transform: Field.fees.read)
    var fees: Checked<Decimal>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When it happened (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @Option(name: Field.reason.long, parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT"), transform: Field.reason.read)
    var reason: Checked<String>?
    @Option(name: Field.contracts.long, parsing: .unconditional, help: ArgumentHelp("Contracts rolled (default all open).", valueName: "N"),
            transform: Field.contracts.read) var contracts: Checked<Int>?
    @OptionGroup var trigger: TriggerOptions
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    /// The fields in `RollCondor.parse`'s order.
    func ledgerCommand() throws -> LedgerCommand {
        .rollCondor(RollCondor(
            condorID: try condor.get(), side: try side.get(), expiry: try expiry?.get(), longPut: try longPut?.get(), shortPut: try shortPut?.get(),
            shortCall: try shortCall?.get(), longCall: try longCall?.get(), closePrice: try closePrice.get(), openPrice: try openPrice.get(),
            fees: try fees?.get() ?? 0, at: try at?.get(), reason: try reason?.get(), trigger: try trigger.trigger(), signals: try signals.signals(),
            contracts: try contracts?.get()))
    }
}

struct CondorDeferCommand: RecordingCommand {
    static let configuration = CommandConfiguration(commandName: "defer", abstract: "Record a roll that was deliberately not made.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID"), transform: Field.condor.readArgument) var condor: Checked<UUID>
    @Option(name: Field.reason.long, parsing: .unconditional, help: ArgumentHelp("Why the roll was not made, verbatim.", valueName: "TEXT"),
            transform: Field.reason.read) var reason: Checked<String>
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @OptionGroup var trigger: TriggerOptions
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func ledgerCommand() throws -> LedgerCommand {
        .deferRoll(DeferRoll(condorID: try condor.get(), reason: try reason.get(), at: try at?.get(), trigger: try trigger.trigger(),
                             signals: try signals.signals()))
    }
}

struct CondorCloseCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Buy a condor back before expiry: all of it, --contracts N of it, or one --side of it.",
        discussion: "With --contracts N below the contracts open, the rest stay open under the same id. With --side put|call, only that side of an iron condor is bought back and the other stays open under the same id as a credit spread; with --contracts N too, those N continue as a new condor (its id is printed) whose side is closed.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID"), transform: Field.condor.readArgument) var condor: Checked<UUID>
    @Option(name: Field.contracts.long, parsing: .unconditional, help: ArgumentHelp("Contracts closed (default all open).", valueName: "N"),
            transform: Field.contracts.read) var contracts: Checked<Int>?
    @Option(name: Field.side.long, parsing: .unconditional,
            help: ArgumentHelp("Close only this side of an iron condor (default every leg).", valueName: "put|call"),
            transform: Field.side.read) var side: Checked<RollSide>?
    @Option(name: Field.price.long, parsing: .unconditional, help: ArgumentHelp("Net debit per unit for the legs closed.", valueName: "PRICE"),
            transform: Field.price.read) var price: Checked<Decimal>
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Commissions in dollars for the whole order (default 0).", valueName: "USD"),
            transform: Field.fees.read) var fees: Checked<Decimal>?
    @Option(name: Field.exchangeFees.long, parsing: .unconditional,
            help: ArgumentHelp("Exchange and regulatory fees in dollars for the whole order (default 0).", valueName: "USD"),
            transform: Field.exchangeFees.read) var exchangeFees: Checked<Decimal>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @Option(name: Field.closeReason.long, parsing: .unconditional, help: ArgumentHelp("Why (default manual).", valueName: "take-profit|stop|time|alvh|manual"),
            transform: Field.closeReason.read) var reason: Checked<CloseReason>?
    @Option(name: Field.note.long, parsing: .unconditional, help: ArgumentHelp("Free text, verbatim.", valueName: "TEXT"), transform: Field.note.read)
    var note: Checked<String>?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    /// The fields in `CloseCondor.parse`'s order (the reason first).
    func ledgerCommand() throws -> LedgerCommand {
        let reason = try reason?.get() ?? .manual
        return .closeCondor(CloseCondor(condorID: try condor.get(), contracts: try contracts?.get(), side: try side?.get(), price: try price.get(), fees: try fees?.get() ?? 0,
                                        exchangeFees: try exchangeFees?.get() ?? 0, at: try at?.get(), reason: reason, note: try note?.get(),
                                        signals: try signals.signals()))
    }
}

struct CondorExpireCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire", abstract: "Cash settle a condor at its expiry.",
        discussion: "Without --at the event is dated at the settlement instant: 09:30 New York for SPX (AM), 16:00 for SPXW and XSP (PM).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID"), transform: Field.condor.readArgument) var condor: Checked<UUID>
    @Option(name: Field.settlement.long, parsing: .unconditional, help: ArgumentHelp("The index settlement level.", valueName: "INDEX-LEVEL"),
            transform: Field.settlement.read) var settlement: Checked<Decimal>
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD"), transform: Field.fees.read)
    var fees: Checked<Decimal>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When (default the settlement instant).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @OptionGroup var recording: RecordingOptions

    func ledgerCommand() throws -> LedgerCommand {
        .expireCondor(ExpireCondor(condorID: try condor.get(), settlement: try settlement.get(), fees: try fees?.get() ?? 0, at: try at?.get()))
    }
}

struct CondorLegInCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "leg-in", abstract: "Sell the side a credit spread lacks, completing it into an iron condor.",
        discussion: "Give the put strikes (--long-put, --short-put) or the call strikes (--short-call, --long-call) of the side sold, on the spread's expiry and for all its open contracts. --credit is the net credit per unit for the new side, below its width.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The condor's id.", valueName: "ID"), transform: Field.condor.readArgument) var condor: Checked<UUID>
    @Option(name: Field.longPut.long, parsing: .unconditional, help: ArgumentHelp("Long put strike of the new put side.", valueName: "K"),
            transform: Field.longPut.read) var longPut: Checked<Decimal>?
    @Option(name: Field.shortPut.long, parsing: .unconditional, help: ArgumentHelp("Short put strike of the new put side.", valueName: "K"),
            transform: Field.shortPut.read) var shortPut: Checked<Decimal>?
    @Option(name: Field.shortCall.long, parsing: .unconditional, help: ArgumentHelp("Short call strike of the new call side.", valueName: "K"),
            transform: Field.shortCall.read) var shortCall: Checked<Decimal>?
    @Option(name: Field.longCall.long, parsing: .unconditional, help: ArgumentHelp("Long call strike of the new call side.", valueName: "K"),
            transform: Field.longCall.read) var longCall: Checked<Decimal>?
    @Option(name: Field.credit.long, parsing: .unconditional, help: ArgumentHelp("Net credit per unit for the new side, index points.", valueName: "PRICE"),
            transform: Field.credit.read) var credit: Checked<Decimal>
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD"), transform: Field.fees.read)
    var fees: Checked<Decimal>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @Option(name: Field.note.long, parsing: .unconditional, help: ArgumentHelp("Free text, verbatim.", valueName: "TEXT"), transform: Field.note.read)
    var note: Checked<String>?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    /// The fields in `LegInCondor.parse`'s order.
    func ledgerCommand() throws -> LedgerCommand {
        let condor = try condor.get()
        let (side, long, short) = try LegInCondor.newSide(longPut: longPut?.get(), shortPut: shortPut?.get(), shortCall: shortCall?.get(),
                                                          longCall: longCall?.get())
        return .legInCondor(LegInCondor(condorID: condor, side: side, longStrike: long, shortStrike: short, credit: try credit.get(),
                                        fees: try fees?.get() ?? 0, at: try at?.get(), note: try note?.get(), signals: try signals.signals()))
    }
}
