import Finance
import Foundation
import Ledger

extension MarketModel {
    /// The listed strike (a multiple of 5 points for SPX/SPXW, 1 for XSP) whose out-of-the-money
    /// option expiring on `expiry` has |delta| closest to `targetDelta` (0.16 = 16 delta): the
    /// finance library's `DeltaStrike` with this model's skew, rate and dividend yield, the mark's
    /// VIX9D/VIX/VIX3M and the model's time to settlement. The backtest's entries and rolls use it.
    /// - Throws: `FinanceError.invalidInput` when the expiry has passed at the mark, or for a target
    ///   outside (0, 0.5).
    public func strike(_ right: Finance.OptionRight, targetDelta: Double, expiry: CalendarDate, underlying: Underlying,
                       at mark: MarketMark) throws -> Decimal {
        let t = timeYears(to: expiry, style: underlying.settlement, from: mark.at)
        guard t > 0 else { throw FinanceError.invalidInput(field: "expiry", rule: "must be after the mark (got \(expiry))") }
        let strike = try DeltaStrike.strike(right, targetDelta: targetDelta, skew: skew, levels: mark.levels, spot: mark.indexLevel(for: underlying),
                                            rate: rate, dividendYield: dividendYield, timeYears: t, strikeStep: underlying == .xsp ? 1 : 5)
        return Decimal(Int(strike.rounded()))
    }
}
