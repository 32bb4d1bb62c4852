import ArgumentParser
import Foundation
import Ledger

/// A value as typed on the command line, parsed once by its field's rule (`Flag`) when the
/// command line is read. A value that breaks its rule is kept with its error: the command reports
/// the first broken rule in its own field order, as `alvh: FIELD: RULE` with exit 2 — the order and
/// the words a CSV row of `alvh import` gets — after swift-argument-parser's own checks (a missing
/// option, an unknown flag).
typealias Checked<Value> = Result<Value, LedgerValidationError>

extension CommandField {
    /// The option's name for swift-argument-parser: the flag without its dashes.
    var long: NameSpecification { .customLong(column) }

    /// Reads an option's text (never fails: the outcome is kept, see `Checked`).
    var read: @Sendable (String) -> Checked<Value> { { self.checked($0) } }

    /// Reads an argument's text; an empty one is missing, as for a CSV row.
    var readArgument: @Sendable (String) -> Checked<Value> {
        { $0.isEmpty ? .failure(LedgerValidationError(field: self.name, rule: "is required")) : self.checked($0) }
    }
}

/// A command that records: it builds its `LedgerCommand` from its typed options, and `TradeRunner`
/// records it.
protocol RecordingCommand: ParsableCommand {
    var global: GlobalOptions { get }
    var recording: RecordingOptions { get }
    /// The command, every field read and every rule checked that needs no ledger.
    func ledgerCommand() throws -> LedgerCommand
}

extension RecordingCommand {
    func run() throws {
        try TradeRunner.record(global: global, recording: recording, ledgerCommand)
    }
}

/// `--command-id UUID`: makes a command idempotent. A retry with the same id records nothing new
/// and prints the original result.
struct RecordingOptions: ParsableArguments {
    @Option(name: Field.commandID.long, parsing: .unconditional, help: ArgumentHelp("Idempotency key: a retry with the same id records nothing new and prints the original result.", valueName: "UUID"),
            transform: Field.commandID.read)
    var commandID: Checked<UUID>?
}

/// The optional decision signals a trader can attach to a decision (see `SignalArguments`).
struct SignalOptions: ParsableArguments {
    @Option(name: Field.spot.long, parsing: .unconditional, help: ArgumentHelp("SPX level at the decision.", valueName: "X"), transform: Field.spot.read)
    var spot: Checked<Decimal>?
    @Option(name: Field.vix.long, parsing: .unconditional, help: ArgumentHelp("VIX at the decision.", valueName: "V"), transform: Field.vix.read)
    var vix: Checked<Decimal>?
    @Option(name: Field.vix9d.long, parsing: .unconditional, help: ArgumentHelp("VIX9D at the decision.", valueName: "V"), transform: Field.vix9d.read)
    var vix9d: Checked<Decimal>?
    @Option(name: Field.vix3m.long, parsing: .unconditional, help: ArgumentHelp("VIX3M at the decision.", valueName: "V"), transform: Field.vix3m.read)
    var vix3m: Checked<Decimal>?
    @Option(name: Field.vxFront.long, parsing: .unconditional, help: ArgumentHelp("Front-month VIX future.", valueName: "PRICE"), transform: Field.vxFront.read)
    var vxFront: Checked<Decimal>?
    @Option(name: Field.vxSecond.long, parsing: .unconditional, help: ArgumentHelp("Second-month VIX future.", valueName: "PRICE"), transform: Field.vxSecond.read)
    var vxSecond: Checked<Decimal>?
    @Option(name: Field.macd.long, parsing: .unconditional, help: ArgumentHelp("MACD(12,26,9) histogram of VIX.", valueName: "H"), transform: Field.macd.read)
    var macd: Checked<Decimal>?
    @Option(name: Field.rsi.long, parsing: .unconditional, help: ArgumentHelp("RSI(14), 0-100.", valueName: "R"), transform: Field.rsi.read)
    var rsi: Checked<Decimal>?
    @Option(name: Field.advanceDecline.long, parsing: .unconditional, help: ArgumentHelp("NYSE advance-decline reading.", valueName: "N"),
            transform: Field.advanceDecline.read)
    var advanceDecline: Checked<Decimal>?
    @Option(name: Field.daysToEvent.long, parsing: .unconditional, help: ArgumentHelp("Calendar days to the next FOMC/CPI/PPI.", valueName: "DAYS"),
            transform: Field.daysToEvent.read)
    var daysToEvent: Checked<Int>?

    func signals() throws -> DecisionSignals? {
        try SignalArguments.signals(rsi: rsi?.get(), spot: spot?.get(), vix: vix?.get(), vix9d: vix9d?.get(), vix3m: vix3m?.get(),
                                    vxFront: vxFront?.get(), vxSecond: vxSecond?.get(), macd: macd?.get(),
                                    advanceDecline: advanceDecline?.get(), daysToEvent: daysToEvent?.get())
    }
}

/// `--fixed-rule TEXT` / `--alvh TEXT`: what the fixed rule and the ALVH reading said.
struct TriggerOptions: ParsableArguments {
    @Option(name: Field.fixedRule.long, parsing: .unconditional, help: ArgumentHelp("What the fixed risk:reward rule said (verbatim).", valueName: "TEXT"),
            transform: Field.fixedRule.read)
    var fixedRule: Checked<String>?
    @Option(name: Field.alvh.long, parsing: .unconditional, help: ArgumentHelp("What the ALVH reading said (verbatim).", valueName: "TEXT"), transform: Field.alvh.read)
    var alvh: Checked<String>?

    func trigger() throws -> RollTrigger? {
        try SignalArguments.trigger(fixedRule: fixedRule?.get(), alvh: alvh?.get())
    }
}
