import Finance
import Foundation
import Ledger

/// A condor's risk at a mark, as the advisor and the report show it. Per-unit figures in index
/// points; greeks of the short position (`CondorValuation`: vega and volga per 1.00 of vol).
public struct CondorRisk: Sendable, Hashable {
    /// The value the rules compare with the credit (quotes where recorded, else the model).
    public var value: CondorValue
    /// Greeks from Black-Scholes-Merton at each leg's skewed volatility; `closingCost` is `value`.
    public var valuation: CondorValuation
    /// Delta of the short put as an option (< 0) and of the short call (> 0).
    public var shortPutDelta: Double
    public var shortCallDelta: Double
    /// Where the closing cost reaches the stop level as one flat vol moves, at today's index
    /// (nil when no stop level was asked for or it cannot be searched).
    public var volatilityBreakEven: VolatilityBreakEven?
    /// Years to settlement.
    public var timeYears: Double
}

extension MarketModel {
    /// The condor's value, greeks, short-strike deltas and (with `stopLevel`, per unit) its volatility
    /// break-even at `mark`; nil at or after settlement, or for strikes the finance library refuses.
    public func risk(_ strikes: IronCondorLegs, underlying: Underlying, contracts: Int, multiplier: Decimal = 100, at mark: MarketMark,
                     stopLevel: Double? = nil) -> CondorRisk? {
        risk(PricedLegs(strikes), underlying: underlying, contracts: contracts, multiplier: multiplier, at: mark, stopLevel: stopLevel)
    }

    /// The same for strikes already prepared.
    public func risk(_ legs: PricedLegs, underlying: Underlying, contracts: Int, multiplier: Decimal = 100, at mark: MarketMark,
                     stopLevel: Double? = nil) -> CondorRisk? {
        let t = timeYears(to: legs.strikes.expiry, style: underlying.settlement, from: mark.at)
        let spot = mark.indexLevel(for: underlying)
        guard t > 0, spot > 0,
              let condor = try? IronCondor(longPut: legs.longPut, shortPut: legs.shortPut, shortCall: legs.shortCall, longCall: legs.longCall,
                                           contracts: contracts, multiplier: Self.double(multiplier)) else { return nil }
        let market = CondorMarket(spot: spot, timeYears: t, rate: rate, dividendYield: dividendYield)
        func vol(_ k: Double) -> Double { legVolatility(strike: k, forward: market.forward, timeYears: t, at: mark) }
        let vols = CondorLegVolatilities(longPut: vol(condor.longPut), shortPut: vol(condor.shortPut), shortCall: vol(condor.shortCall),
                                         longCall: vol(condor.longCall))
        guard var valuation = try? IronCondorAnalytics.valuation(of: condor, market: market, volatilities: vols) else { return nil }
        let value = self.value(legs, underlying: underlying, at: mark)
        valuation.closingCost = Self.double(value.perUnit)
        let breakEven = stopLevel.flatMap { level in
            level > 0 ? try? IronCondorAnalytics.breakEvenVolatility(of: condor, market: market, stopLevel: level) : nil
        }
        return CondorRisk(value: value, valuation: valuation,
                          shortPutDelta: delta(.put, strike: condor.shortPut, spot: spot, timeYears: t, at: mark),
                          shortCallDelta: delta(.call, strike: condor.shortCall, spot: spot, timeYears: t, at: mark),
                          volatilityBreakEven: breakEven, timeYears: t)
    }
}
