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
    /// Delta of the short put as an option (< 0) and of the short call (> 0); 0 for the side a
    /// credit spread does not have.
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
    /// break-even at `mark`; nil at or after settlement or for strikes the finance library refuses.
    /// A credit spread is valued by its two legs: the missing side contributes nothing (its short
    /// delta is 0).
    public func risk(_ strikes: IronCondorLegs, underlying: Underlying, contracts: Int, multiplier: Decimal = 100, at mark: MarketMark,
                     stopLevel: Double? = nil) -> CondorRisk? {
        risk(PricedLegs(strikes), underlying: underlying, contracts: contracts, multiplier: multiplier, at: mark, stopLevel: stopLevel)
    }

    /// The same for strikes already prepared.
    public func risk(_ legs: PricedLegs, underlying: Underlying, contracts: Int, multiplier: Decimal = 100, at mark: MarketMark,
                     stopLevel: Double? = nil) -> CondorRisk? {
        let t = timeYears(to: legs.strikes.expiry, style: underlying.settlement, from: mark.at)
        let spot = mark.indexLevel(for: underlying)
        guard t > 0, spot > 0 else { return nil }
        let market = CondorMarket(spot: spot, timeYears: t, rate: rate, dividendYield: dividendYield)
        let value = self.value(legs, underlying: underlying, at: mark)
        guard legs.strikes.isIronCondor else {
            return spreadRisk(legs, value: value, contracts: contracts, multiplier: multiplier, market: market, at: mark, stopLevel: stopLevel)
        }
        guard let condor = try? IronCondor(longPut: legs.longPut, shortPut: legs.shortPut, shortCall: legs.shortCall, longCall: legs.longCall,
                                           contracts: contracts, multiplier: Self.double(multiplier)) else { return nil }
        func vol(_ k: Double) -> Double { legVolatility(strike: k, forward: market.forward, timeYears: t, at: mark) }
        let vols = CondorLegVolatilities(longPut: vol(condor.longPut), shortPut: vol(condor.shortPut), shortCall: vol(condor.shortCall),
                                         longCall: vol(condor.longCall))
        guard var valuation = try? IronCondorAnalytics.valuation(of: condor, market: market, volatilities: vols) else { return nil }
        valuation.closingCost = Self.double(value.perUnit)
        let breakEven = stopLevel.flatMap { level in
            level > 0 ? try? IronCondorAnalytics.breakEvenVolatility(of: condor, market: market, stopLevel: level) : nil
        }
        return CondorRisk(value: value, valuation: valuation,
                          shortPutDelta: delta(.put, strike: condor.shortPut, spot: spot, timeYears: t, at: mark),
                          shortCallDelta: delta(.call, strike: condor.shortCall, spot: spot, timeYears: t, at: mark),
                          volatilityBreakEven: breakEven, timeYears: t)
    }

    /// A put or call credit spread's risk from its two legs (`CreditSpreadAnalytics`); the side it
    /// lacks has delta 0.
    func spreadRisk(_ legs: PricedLegs, value: CondorValue, contracts: Int, multiplier: Decimal, market: CondorMarket, at mark: MarketMark,
                    stopLevel: Double?) -> CondorRisk? {
        let isPut = legs.strikes.hasPutSide
        let right: Finance.OptionRight = isPut ? .put : .call
        guard let spread = try? CreditSpread(right, longStrike: isPut ? legs.longPut : legs.longCall, shortStrike: isPut ? legs.shortPut : legs.shortCall,
                                             contracts: contracts, multiplier: Self.double(multiplier)) else { return nil }
        let t = market.timeYears
        func vol(_ k: Double) -> Double { legVolatility(strike: k, forward: market.forward, timeYears: t, at: mark) }
        guard var valuation = try? CreditSpreadAnalytics.valuation(of: spread, market: market, longVolatility: vol(spread.longStrike),
                                                                   shortVolatility: vol(spread.shortStrike)) else { return nil }
        valuation.closingCost = Self.double(value.perUnit)
        let breakEven = stopLevel.flatMap { level in
            level > 0 ? try? CreditSpreadAnalytics.breakEvenVolatility(of: spread, market: market, stopLevel: level) : nil
        }
        let shortDelta = delta(right, strike: spread.shortStrike, spot: market.spot, timeYears: t, at: mark)
        return CondorRisk(value: value, valuation: valuation, shortPutDelta: isPut ? shortDelta : 0, shortCallDelta: isPut ? 0 : shortDelta,
                          volatilityBreakEven: breakEven, timeYears: t)
    }
}
