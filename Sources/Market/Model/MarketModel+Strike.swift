import Finance
import Foundation
import Ledger

extension MarketModel {
    /// The listed strike (a multiple of `step`: 5 points for SPX, 1 for XSP) whose out-of-the-money
    /// option expiring on `expiry` has |delta| closest to `targetDelta` (0.16 = 16 delta), with each
    /// strike's skewed volatility at `mark`. |delta| falls monotonically as the strike moves away from
    /// the money, so the strike is found by bisection, then the two grid strikes around it compared.
    ///
    /// The backtest's strike selection, for entries and rolls: its one place.
    /// - Throws: `FinanceError.invalidInput` when the expiry has passed at the mark.
    public func strike(_ right: Finance.OptionRight, targetDelta: Double, expiry: CalendarDate, underlying: Underlying,
                       at mark: MarketMark) throws -> Decimal {
        let t = timeYears(to: expiry, style: underlying.settlement, from: mark.at)
        let spot = mark.indexLevel(for: underlying)
        guard t > 0, spot > 0 else { throw FinanceError.invalidInput(field: "expiry", rule: "must be after the mark (got \(expiry))") }
        let step = underlying == .xsp ? 1.0 : 5.0
        func distance(_ strike: Double) -> Double { abs(abs(delta(right, strike: strike, spot: spot, timeYears: t, at: mark)) - targetDelta) }
        var near = spot, far = right == .put ? spot * 0.2 : spot * 3
        for _ in 0..<80 {
            let middle = 0.5 * (near + far)
            if abs(delta(right, strike: middle, spot: spot, timeYears: t, at: mark)) > targetDelta { near = middle } else { far = middle }
        }
        let below = (0.5 * (near + far) / step).rounded(.down) * step
        let candidates = [below, below + step].filter { $0 > 0 }
        let best = candidates.min { distance($0) < distance($1) } ?? step
        return Decimal(Int(best.rounded()))
    }
}
