/// The fixed risk:reward rule of DESIGN.md ("Decisions"). With net credit C per unit, it takes
/// profit at the first mark where the condor's value is at most (1 − takeProfit) × C, stops at the
/// first mark where it is at least (1 + stop) × C, optionally exits at `exitAtDaysToExpiry`, and
/// otherwise holds to expiry. Defaults (the same as `alvh decisions`): take profit at 50 % of the
/// credit, stop at a loss of 2× the credit (the condor worth 3 × C).
public struct FixedRule: Sendable, Hashable, Codable {
    /// Fraction of the credit kept when profit is taken (0.5).
    public var takeProfit: Double
    /// Loss multiple of the credit at the stop (2.0: stop when the condor is worth 3 × C).
    public var stop: Double
    /// Exit at this many calendar days to expiry, nil to hold.
    public var exitAtDaysToExpiry: Int?

    public init(takeProfit: Double = 0.5, stop: Double = 2.0, exitAtDaysToExpiry: Int? = nil) {
        self.takeProfit = takeProfit
        self.stop = stop
        self.exitAtDaysToExpiry = exitAtDaysToExpiry
    }

    /// What the rule says at a mark. `value` and `credit` per unit (index points), `daysToExpiry` calendar days.
    public func verdict(value: Double, credit: Double, daysToExpiry: Int) -> FixedRuleVerdict {
        let profitLevel = (1 - takeProfit) * credit
        let stopLevel = (1 + stop) * credit
        if value <= profitLevel {
            return FixedRuleVerdict(action: .takeProfit, text: "take-profit: mark \(fmt(value)) ≤ \(fmt(profitLevel)) (\(pct(takeProfit)) of credit \(fmt(credit)) kept)")
        }
        if value >= stopLevel {
            return FixedRuleVerdict(action: .stop, text: "stop: mark \(fmt(value)) ≥ \(fmt(stopLevel)) (\(fmt(1 + stop))× credit \(fmt(credit)))")
        }
        if let exit = exitAtDaysToExpiry, daysToExpiry <= exit {
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
    var text = String(format: "%.2f", rounded)
    if text == "-0.00" { text = "0.00" }
    return text
}

func pct(_ fraction: Double) -> String { String(format: "%.0f%%", fraction * 100) }
