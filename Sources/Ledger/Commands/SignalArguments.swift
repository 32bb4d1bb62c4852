import Foundation

/// The optional decision-signal flags shared by decision commands: `--vix`, `--vix9d`, `--vix3m`,
/// `--vx-front`, `--vx-second`, `--macd`, `--rsi`, `--advance-decline`, `--days-to-event`, and
/// `--spot` (SPX). Levels ≥ 0; `--macd` and `--advance-decline` may be negative; `--rsi` 0…100.
public enum SignalArguments {
    public static let flags = ["--spot", "--vix", "--vix9d", "--vix3m", "--vx-front", "--vx-second", "--macd", "--rsi", "--advance-decline", "--days-to-event"]

    /// The signals given, or nil when none was.
    public static func parse(_ arguments: CommandArguments) throws -> DecisionSignals? {
        func level(_ flag: String) throws -> Decimal? {
            try arguments.optional(flag).map { try FieldParser.price($0, field: flag) }
        }
        func signed(_ flag: String) throws -> Decimal? {
            guard let text = arguments.optional(flag) else { return nil }
            guard let value = DecimalParser.parse(text) else {
                throw LedgerValidationError(field: flag, rule: "must be a plain decimal number (got \(Echo.quoted(text)))")
            }
            guard abs(value) <= PriceRule.maximum else { throw LedgerValidationError(field: flag, rule: "must be within ±1e9 (got \(text))") }
            return value
        }
        let rsi = try level("--rsi")
        if let rsi, rsi > 100 { throw LedgerValidationError(field: "--rsi", rule: "must be between 0 and 100 (got \(DecimalParser.format(rsi)))") }
        let signals = DecisionSignals(
            spx: try level("--spot"), vix: try level("--vix"), vix9d: try level("--vix9d"), vix3m: try level("--vix3m"),
            vxFront: try level("--vx-front"), vxSecond: try level("--vx-second"), vixMACDHistogram: try signed("--macd"),
            rsi: rsi, advanceDecline: try signed("--advance-decline"),
            daysToMacroEvent: try arguments.optional("--days-to-event").map { try FieldParser.integer($0, field: "--days-to-event", minimum: 0, maximum: 3660) })
        return signals.isEmpty ? nil : signals
    }

    /// `--fixed-rule TEXT` and `--alvh TEXT`: what each approach said, verbatim.
    public static func trigger(_ arguments: CommandArguments) throws -> RollTrigger? {
        let trigger = RollTrigger(fixedRule: try arguments.optional("--fixed-rule").map { try TextRule.reason($0, field: "--fixed-rule") },
                                  alvh: try arguments.optional("--alvh").map { try TextRule.reason($0, field: "--alvh") })
        return trigger.isEmpty ? nil : trigger
    }
}
