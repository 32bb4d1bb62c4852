import Finance
import Foundation

/// Prices SPX condor legs from the day's SPX and VIX: Black-Scholes-Merton with each leg's vol
/// from VIX through the skew model (`VolatilitySkew`), a flat rate and dividend yield. Time to
/// expiry is calendar days / 365 from the close to the PM settlement (both 16:00 ET).
public struct CondorPricer: Sendable, Hashable {
    public var rate: Double
    public var dividendYield: Double
    public var skew: VolatilitySkew
    /// The strike grid (SPX lists 5-point strikes).
    public var strikeStep: Double

    public init(rate: Double = 0.03, dividendYield: Double = 0.015, skew: VolatilitySkew = VolatilitySkew(), strikeStep: Double = 5) {
        self.rate = rate
        self.dividendYield = dividendYield
        self.skew = skew
        self.strikeStep = strikeStep
    }

    public func market(spot: Double, days: Int) -> CondorMarket {
        CondorMarket(spot: spot, timeYears: Double(max(days, 0)) / 365, rate: rate, dividendYield: dividendYield)
    }

    /// One leg's vol (annual fraction).
    public func volatility(strike: Double, spot: Double, vix: Double, days: Int) throws -> Double {
        let m = market(spot: spot, days: days)
        return try skew.volatility(vix: vix, strike: strike, forward: m.forward, timeYears: m.timeYears)
    }

    /// Delta of one option at `strike` with its skewed vol.
    public func delta(_ right: OptionRight, strike: Double, spot: Double, vix: Double, days: Int) throws -> Double {
        let m = market(spot: spot, days: days)
        let vol = try volatility(strike: strike, spot: spot, vix: vix, days: days)
        return try BlackScholesMerton.greeks(right, spot: spot, strike: strike, timeYears: m.timeYears, rate: rate,
                                             dividendYield: dividendYield, volatility: vol).delta
    }

    /// The grid strike whose option has |delta| closest to `targetDelta` (0.16 = 16 delta), out of the money.
    public func strike(_ right: OptionRight, targetDelta: Double, spot: Double, vix: Double, days: Int) throws -> Double {
        // |delta| falls monotonically as the strike moves away from the money: bisect in strike.
        var near = spot, far = right == .put ? spot * 0.2 : spot * 3
        for _ in 0..<80 {
            let mid = 0.5 * (near + far)
            let d = abs(try delta(right, strike: mid, spot: spot, vix: vix, days: days))
            if d > targetDelta { near = mid } else { far = mid }
        }
        let continuous = 0.5 * (near + far)
        let below = (continuous / strikeStep).rounded(.down) * strikeStep
        let candidates = [below, below + strikeStep].filter { $0 > 0 }
        return try candidates.min { a, b in
            abs(abs(try delta(right, strike: a, spot: spot, vix: vix, days: days)) - targetDelta)
                < abs(abs(try delta(right, strike: b, spot: spot, vix: vix, days: days)) - targetDelta)
        }!
    }

    /// Mark, greeks, short-strike deltas and (unless `withVolatilityBreakEven` is false) the flat
    /// vol at which the mark reaches the fixed stop (1 + `stopMultiple`) × credit.
    public func snapshot(longPut: Double, shortPut: Double, shortCall: Double, longCall: Double, contracts: Int, credit: Double,
                         spot: Double, vix: Double, days: Int, stopMultiple: Double = 1, withVolatilityBreakEven: Bool = true, rolls: Int = 0,
                         sessionsSinceDeferral: Int? = nil) throws -> CondorSnapshot {
        let condor = try IronCondor(longPut: longPut, shortPut: shortPut, shortCall: shortCall, longCall: longCall, contracts: contracts)
        let m = market(spot: spot, days: max(days, 1))
        let vols = try CondorLegVolatilities(vix: vix, skew: skew, condor: condor, market: m)
        let valuation = try IronCondorAnalytics.valuation(of: condor, market: m, volatilities: vols)
        let stopLevel = (1 + stopMultiple) * credit
        let breakEven = withVolatilityBreakEven && stopLevel > 0 ? try? IronCondorAnalytics.breakEvenVolatility(of: condor, market: m, stopLevel: stopLevel) : nil
        return CondorSnapshot(longPut: longPut, shortPut: shortPut, shortCall: shortCall, longCall: longCall, contracts: contracts,
                              credit: credit, daysToExpiry: days, valuation: valuation,
                              shortPutDelta: try delta(.put, strike: shortPut, spot: spot, vix: vix, days: max(days, 1)),
                              shortCallDelta: try delta(.call, strike: shortCall, spot: spot, vix: vix, days: max(days, 1)),
                              volatilityBreakEven: breakEven, rolls: rolls, sessionsSinceDeferral: sessionsSinceDeferral)
    }
}
