import Foundation

/// The optional decision-signal flags shared by decision commands: `--vix`, `--vix9d`, `--vix3m`,
/// `--vx-front`, `--vx-second`, `--macd`, `--rsi`, `--advance-decline`, `--days-to-event`, and
/// `--spot` (SPX). Levels ≥ 0; `--macd` and `--advance-decline` may be negative; `--rsi` 0…100.
public enum SignalArguments {
    /// Every signal field's name (`alvh import` takes each as a column).
    public static let fields: [String] = [Field.spot, Field.vix, Field.vix9d, Field.vix3m, Field.vxFront, Field.vxSecond, Field.macd, Field.rsi]
        .map(\.name) + [Field.advanceDecline.name, Field.daysToEvent.name]
    public static let flags = fields

    /// The signals given, or nil when none was.
    public static func parse(_ arguments: CommandArguments) throws -> DecisionSignals? {
        try signals(rsi: arguments.optional(Field.rsi), spot: arguments.optional(Field.spot), vix: arguments.optional(Field.vix),
                    vix9d: arguments.optional(Field.vix9d), vix3m: arguments.optional(Field.vix3m), vxFront: arguments.optional(Field.vxFront),
                    vxSecond: arguments.optional(Field.vxSecond), macd: arguments.optional(Field.macd),
                    advanceDecline: arguments.optional(Field.advanceDecline), daysToEvent: arguments.optional(Field.daysToEvent))
    }

    /// The signals from typed values (each already read by its field's rule), or nil when none was
    /// given. The values are read in this order — `--rsi` first, as it has a rule of its own (≤ 100) —
    /// by the command line and CSV rows alike; `rsi` is an autoclosure so its rule is checked first.
    public static func signals(rsi: @autoclosure () throws -> Decimal?, spot: @autoclosure () throws -> Decimal?,
                               vix: @autoclosure () throws -> Decimal?, vix9d: @autoclosure () throws -> Decimal?,
                               vix3m: @autoclosure () throws -> Decimal?, vxFront: @autoclosure () throws -> Decimal?,
                               vxSecond: @autoclosure () throws -> Decimal?, macd: @autoclosure () throws -> Decimal?,
                               advanceDecline: @autoclosure () throws -> Decimal?, daysToEvent: @autoclosure () throws -> Int?) throws -> DecisionSignals? {
        let rsi = try rsi()
        if let rsi, rsi > 100 { throw LedgerValidationError(field: Field.rsi.name, rule: "must be between 0 and 100 (got \(DecimalParser.format(rsi)))") }
        let signals = DecisionSignals(
            spx: try spot(), vix: try vix(), vix9d: try vix9d(), vix3m: try vix3m(), vxFront: try vxFront(), vxSecond: try vxSecond(),
            vixMACDHistogram: try macd(), rsi: rsi, advanceDecline: try advanceDecline(), daysToMacroEvent: try daysToEvent())
        return signals.isEmpty ? nil : signals
    }

    /// `--fixed-rule TEXT` and `--alvh TEXT`: what each approach said, verbatim.
    public static func trigger(_ arguments: CommandArguments) throws -> RollTrigger? {
        try trigger(fixedRule: arguments.optional(Field.fixedRule), alvh: arguments.optional(Field.alvh))
    }

    /// The trigger from typed values, or nil when neither was given.
    public static func trigger(fixedRule: @autoclosure () throws -> String?, alvh: @autoclosure () throws -> String?) throws -> RollTrigger? {
        let trigger = RollTrigger(fixedRule: try fixedRule(), alvh: try alvh())
        return trigger.isEmpty ? nil : trigger
    }
}
