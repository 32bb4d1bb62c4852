import Finance
import Foundation
import Ledger
import Market

/// The fixed policy: each session, `FixedRuleEngine.step` at the session's mark — the step
/// `alvh decisions`' fixed path takes at the same mark — and the trade it says.
extension BacktestSession {
    /// The condor after the session, nil once closed.
    mutating func manageFixed(_ condor: BacktestCondor, _ today: SessionDay) throws -> BacktestCondor? {
        let step = engine.step(condor.position, at: today.mark)
        let days = MarketCalendar.daysToExpiry(condor.strikes.expiry, from: today.date)
        let said = p.advisor.fixedRule.explain(value: Self.double(step.value.perUnit), credit: Self.double(condor.position.credit), daysToExpiry: days).text
        switch step {
        case .hold:
            return condor
        case let .close(verdict, _, debit, fees):
            let reason: CloseReason = switch verdict {
            case .takeProfit: .takeProfit
            case .time: .time
            default: .stop
            }
            try close(condor, debit: debit, fees: fees, reason: reason, note: said, today)
            result.condorsClosed[reason.rawValue, default: 0] += 1
            return nil
        case let .roll(_, debit, legs, credit, _, fees):
            try roll(condor, to: legs, debit: debit, credit: credit, fees: fees, trigger: RollTrigger(fixedRule: Backtest.clip(said), alvh: nil),
                     reason: "fixed rule: " + said, today)
            var rolled = condor
            rolled.position = engine.rolled(condor.position, to: legs, credit: credit)
            rolled.cumulativeCredit += credit - debit
            result.rolls += 1
            return rolled
        }
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
