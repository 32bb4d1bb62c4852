import Foundation
import Ledger
import Market

/// Runs the fixed rule forward over recorded marks from a starting position and says where it
/// exits, what it received and paid per unit, and what fees it paid. Each mark is judged by
/// `FixedRuleEngine.step` with that mark's market model, exactly as the fixed backtest policy
/// judges its sessions, so the counterfactual pays the same fills and fees a recorded trade would.
///
/// At the first mark at or after the settlement instant the condor settles (no fill, no fees) at
/// the ledger's recorded settlement level for that expiry, else at the index of the latest mark at
/// or before the settlement instant (the expiry session's close; the session before when the expiry
/// date had none). When the marks end first it is valued at the last mark's mid (`open`), unless the
/// ledger recorded the settlement of that expiry.
public struct FixedRulePath: Sendable {
    public var engine: FixedRuleEngine

    public init(rule: FixedRule) { engine = FixedRuleEngine(rule: rule) }

    public var rule: FixedRule { engine.rule }

    /// Where the path ended.
    public struct Outcome: Sendable, Hashable {
        /// Credits received less debits paid after the start, per unit, including the exit (or the
        /// value at the last mark when still open).
        public var cashPerUnit: Decimal = 0
        /// Dollars of fees paid on the way (exits and rolls; none at expiry).
        public var fees: Decimal = 0
        public var exit: FixedRule.Verdict = .open
        public var exitAt: Date?
        public var rolls = 0
        /// Which prices the path's values came from (nil when no value was needed).
        public var source: ValuationSource?
        /// The market models that valued it, in the order first used.
        public var models: [MarketModel] = []

        mutating func used(_ source: ValuationSource, _ model: MarketModel) {
            self.source = self.source.map { $0.combined(with: source) } ?? source
            if !models.contains(where: { $0.id == model.id }) { models.append(model) }
        }
    }

    /// - Parameters:
    ///   - marks: the condor's market in market order; the path reads `marks[start...]`.
    ///   - settlements: recorded settlement levels by expiry.
    public func run(_ start: FixedRulePosition, marks: [MarketMark], from first: Int, settlements: [CalendarDate: Decimal]) -> Outcome {
        var position = start
        var levels = engine.levels(credit: start.credit)
        var outcome = Outcome()
        var last: (MarketMark, CondorValue)?
        var index = max(first, 0)
        while index < marks.count {
            let mark = marks[index]
            let settlement = MarketCalendar.settlementInstant(position.strikes.expiry, style: position.underlying.settlement)
            if mark.at >= settlement {
                let level = settlements[position.strikes.expiry] ?? Self.settlementMark(marks, before: index, settlement: settlement).index(for: position.underlying)
                return settle(position, level: level, at: settlement, outcome, model: mark.model)
            }
            let step = engine.step(position, levels: levels, at: mark)
            last = (mark, step.value)
            switch step {
            case .hold:
                break
            case let .close(verdict, value, debit, fees):
                outcome.used(value.source, mark.model)
                outcome.cashPerUnit -= debit
                outcome.fees += fees
                outcome.exit = verdict
                outcome.exitAt = mark.at
                return outcome
            case let .roll(value, debit, legs, credit, newValue, fees):
                outcome.used(value.source, mark.model)
                outcome.used(newValue.source, mark.model)
                outcome.cashPerUnit += credit - debit
                outcome.fees += fees
                outcome.rolls += 1
                position = engine.rolled(position, to: legs, credit: credit)
                levels = engine.levels(credit: credit)
            }
            index += 1
        }
        let settlement = MarketCalendar.settlementInstant(position.strikes.expiry, style: position.underlying.settlement)
        if let level = settlements[position.strikes.expiry], let (lastMark, _) = last, lastMark.at < settlement {
            // Marks ended before expiry but the ledger recorded the settlement: settle there.
            return settle(position, level: level, at: settlement, outcome, model: lastMark.model)
        }
        guard let (mark, value) = last else { return outcome }
        outcome.used(value.source, mark.model)
        outcome.cashPerUnit -= value.perUnit
        outcome.exitAt = mark.at
        return outcome
    }

    func settle(_ position: FixedRulePosition, level: Decimal, at settlement: Date, _ outcome: Outcome, model: MarketModel) -> Outcome {
        var outcome = outcome
        outcome.used(.quotes, model)  // a recorded settlement level or index print
        outcome.cashPerUnit -= engine.settlementValue(position, level: level)
        outcome.exit = .expiry
        outcome.exitAt = settlement
        return outcome
    }

    /// The latest mark at or before `settlement`, looking back from `index` (the first mark at or
    /// after it); that mark itself when none is earlier.
    static func settlementMark(_ marks: [MarketMark], before index: Int, settlement: Date) -> MarketMark {
        var candidate = index
        while candidate >= 0, marks[candidate].at > settlement { candidate -= 1 }
        return candidate >= 0 ? marks[candidate] : marks[index]
    }
}
