import Ledger

/// The fixed rule from command-line text, as `alvh decisions` and `alvh advise` take it.
enum FixedRuleOptions {
    /// Errors name the flag and the rule (exit 2).
    static func rule(takeProfit: String, stop: String, exitDTE: Int? = nil, atStop: String = "close") throws -> FixedRule {
        guard let tp = DecimalParser.parse(takeProfit) else { throw CLIFailure.invalid("--take-profit", "must be a plain decimal like 0.5 (got \(Echo.quoted(takeProfit)))") }
        guard let st = DecimalParser.parse(stop) else { throw CLIFailure.invalid("--stop", "must be a plain decimal like 2.0 (got \(Echo.quoted(stop)))") }
        guard let at = FixedRule.AtStop(rawValue: atStop) else { throw CLIFailure.invalid("--at-stop", "must be close or roll (got \(Echo.quoted(atStop)))") }
        do {
            return try FixedRule(takeProfit: tp, stop: st, exitDTE: exitDTE, atStop: at)
        } catch let error as FixedRuleError {
            throw CLIFailure.invalid(error.field, error.rule)
        }
    }
}
