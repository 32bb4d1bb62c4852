import Foundation

/// The fixed risk:reward rule the ALVH decisions are compared with (docs/design.md, "Decisions").
///
/// With net credit C per unit: take profit at the first mark where the condor's value (the debit to
/// close, at mid) is at most (1 − takeProfit) × C; stop at the first mark where it is at least
/// (1 + stop) × C (a loss of stop × C); optionally exit at `exitDTE` calendar days to expiry;
/// otherwise hold to expiry. At the stop it closes, or rolls (`atStop`). One type for the decision
/// review (`alvh decisions`, the report) and the advisor and backtests, so they judge by the same rule.
public struct FixedRule: Sendable, Hashable, Codable {
    public enum AtStop: String, Sendable, Hashable, Codable, CaseIterable { case close, roll }

    /// Fraction of the credit kept when taking profit (0.5 = 50 % of max profit), in (0, 1].
    public var takeProfit: Decimal
    /// Multiple of the credit lost at the stop, > 0 (2 = stop at 2× the credit).
    public var stop: Decimal
    /// Exit at this many calendar days to expiry, when set (≥ 0).
    public var exitDTE: Int?
    public var atStop: AtStop

    /// Validates every parameter; the error names the flag and the rule.
    public init(takeProfit: Decimal = 0.5, stop: Decimal = 2, exitDTE: Int? = nil, atStop: AtStop = .close) throws {
        guard takeProfit > 0, takeProfit <= 1 else {
            throw FixedRuleError(field: "--take-profit", rule: "must be a fraction in (0, 1] of the credit (got \(takeProfit))")
        }
        guard stop > 0, stop <= 100 else { throw FixedRuleError(field: "--stop", rule: "must be a multiple of the credit in (0, 100] (got \(stop))") }
        if let exitDTE, exitDTE < 0 || exitDTE > 3650 {
            throw FixedRuleError(field: "--exit-dte", rule: "must be 0…3650 calendar days (got \(exitDTE))")
        }
        self.takeProfit = takeProfit
        self.stop = stop
        self.exitDTE = exitDTE
        self.atStop = atStop
    }

    /// The defaults: take profit at 50 % of the credit, stop at a loss of 2 × the credit, no time
    /// exit, close at the stop.
    public static let standard = FixedRule(checkedTakeProfit: 0.5, stop: 2, exitDTE: nil, atStop: .close)

    private init(checkedTakeProfit: Decimal, stop: Decimal, exitDTE: Int?, atStop: AtStop) {
        self.takeProfit = checkedTakeProfit
        self.stop = stop
        self.exitDTE = exitDTE
        self.atStop = atStop
    }

    /// One line: `take-profit 0.5, stop 2, exit-dte none, at-stop close`.
    public var description: String {
        "take-profit \(takeProfit), stop \(stop), exit-dte \(exitDTE.map(String.init) ?? "none"), at-stop \(atStop.rawValue)"
    }

    /// What the rule does at a mark where the condor (credit `credit`) is worth `value` with
    /// `daysToExpiry` calendar days left.
    public func verdict(value: Decimal, credit: Decimal, daysToExpiry: Int) -> Verdict {
        if value <= (1 - takeProfit) * credit { return .takeProfit }
        if value >= (1 + stop) * credit { return atStop == .close ? .stop : .stopRoll }
        if let exitDTE, daysToExpiry <= exitDTE { return .time }
        return .hold
    }

    public enum Verdict: String, Sendable, Hashable, Codable {
        case takeProfit = "take-profit"
        case stop
        case stopRoll = "stop-roll"
        case time
        case hold
        case expiry
        /// The path had not ended by the last mark.
        case open
    }
}

/// A fixed-rule parameter out of its range.
public struct FixedRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var rule: String
    public var description: String { "\(field): \(rule)" }
}
