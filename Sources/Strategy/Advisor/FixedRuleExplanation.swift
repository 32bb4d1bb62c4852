import Foundation
import Ledger

/// The advisor's reading of the fixed risk:reward rule (`Ledger.FixedRule`, the one `alvh decisions`
/// uses): the same verdict, in Double, with the numbers that decided it.
extension FixedRule {
    /// `takeProfit` as a Double (the advisor computes in Double).
    public var takeProfitFraction: Double { NSDecimalNumber(decimal: takeProfit).doubleValue }
    /// `stop` as a Double: the loss multiple of the credit at the stop.
    public var stopMultiple: Double { NSDecimalNumber(decimal: stop).doubleValue }

    /// What the rule says at a mark, with the numbers that decided it. `value` and `credit` per unit
    /// (index points), `daysToExpiry` calendar days. The advisor closes at the stop (`atStop` is the
    /// decision review's choice of path).
    public func explain(value: Double, credit: Double, daysToExpiry: Int) -> FixedRuleVerdict {
        let profitLevel = (1 - takeProfitFraction) * credit
        let stopLevel = (1 + stopMultiple) * credit
        if value <= profitLevel {
            return FixedRuleVerdict(action: .takeProfit, text: "take-profit: mark \(fmt(value)) ≤ \(fmt(profitLevel)) (\(pct(takeProfitFraction)) of credit \(fmt(credit)) kept)")
        }
        if value >= stopLevel {
            return FixedRuleVerdict(action: .stop, text: "stop: mark \(fmt(value)) ≥ \(fmt(stopLevel)) (\(fmt(1 + stopMultiple))× credit \(fmt(credit)))")
        }
        if let exit = exitDTE, daysToExpiry <= exit {
            return FixedRuleVerdict(action: .exitAtDaysToExpiry, text: "time exit: \(daysToExpiry) days to expiry ≤ \(exit)")
        }
        return FixedRuleVerdict(action: .hold, text: "hold: mark \(fmt(value)) between \(fmt(profitLevel)) and \(fmt(stopLevel))")
    }
}

/// The fixed rule's answer at one mark.
public struct FixedRuleVerdict: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case hold
        case takeProfit = "take-profit"
        case stop
        case exitAtDaysToExpiry = "time"
    }

    public var action: Action
    /// One line with the numbers that decided it.
    public var text: String
}

func fmt(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    var text = FixedDigits.format(rounded, digits: 2)
    if text == "-0.00" { text = "0.00" }
    return text
}

func pct(_ fraction: Double) -> String { FixedDigits.format(fraction * 100, digits: 0) + "%" }
