import ArgumentParser
import Ledger

/// The fixed rule's flags, shared by `alvh decisions` and `alvh stats` so both take and check them
/// alike (`FixedRuleOptions`: the same fields, the same messages, exit 2).
struct FixedRuleFlags: ParsableArguments {
    @Option(name: .customLong("take-profit"), help: "Fraction of the credit kept when taking profit, in (0, 1].") var takeProfit: String = "0.5"
    @Option(help: "Stop at this multiple of the credit lost.") var stop: String = "2.0"
    @Option(name: .customLong("exit-dte"), help: ArgumentHelp("Exit at this many calendar days to expiry.", valueName: "N")) var exitDTE: Int?
    @Option(name: .customLong("at-stop"), help: "At the stop: close or roll.") var atStop: String = "close"

    /// The rule, checked.
    func rule() throws -> FixedRule {
        try FixedRuleOptions.rule(takeProfit: takeProfit, stop: stop, exitDTE: exitDTE, atStop: atStop)
    }
}
