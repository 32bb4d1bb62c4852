import Foundation

/// Market inputs for valuing SPX legs with Black-Scholes-Merton (units as in `BlackScholesMerton`).
public struct CondorMarket: Sendable, Hashable {
    /// Index level.
    public var spot: Double
    /// Years to settlement (act/365).
    public var timeYears: Double
    /// Continuously compounded risk-free rate.
    public var rate: Double
    /// Continuous dividend yield.
    public var dividendYield: Double

    public init(spot: Double, timeYears: Double, rate: Double, dividendYield: Double) {
        self.spot = spot
        self.timeYears = timeYears
        self.rate = rate
        self.dividendYield = dividendYield
    }

    /// The forward S·e^((r − q)t).
    public var forward: Double { spot * exp((rate - dividendYield) * timeYears) }
}

/// Volatility of each leg (annual fractions).
public struct CondorLegVolatilities: Sendable, Hashable {
    public var longPut: Double
    public var shortPut: Double
    public var shortCall: Double
    public var longCall: Double

    public init(longPut: Double, shortPut: Double, shortCall: Double, longCall: Double) {
        self.longPut = longPut
        self.shortPut = shortPut
        self.shortCall = shortCall
        self.longCall = longCall
    }

    /// The same vol on every leg.
    public init(flat: Double) { self.init(longPut: flat, shortPut: flat, shortCall: flat, longCall: flat) }

    /// Each leg's vol from VIX through a skew model.
    public init(vix: Double, skew: VolatilitySkew, condor: IronCondor, market: CondorMarket) throws {
        let forward = market.forward
        func vol(_ strike: Double) throws -> Double {
            try skew.volatility(vix: vix, strike: strike, forward: forward, timeYears: market.timeYears)
        }
        try self.init(longPut: vol(condor.longPut), shortPut: vol(condor.shortPut),
                      shortCall: vol(condor.shortCall), longCall: vol(condor.longCall))
    }

    var ordered: [Double] { [longPut, shortPut, shortCall, longCall] }
}

/// A condor's mark and sensitivities.
public struct CondorValuation: Sendable, Hashable {
    /// Debit to buy the condor back, per unit (index points; ≥ 0 up to rounding). The "condor's
    /// value" that take-profit and stop rules compare with the credit.
    public var closingCost: Double
    /// Sensitivities of the held (short) position per unit: Σ quantity × leg greeks, so
    /// `unit.price` = −closingCost and a short condor has negative vega and gamma.
    public var unit: OptionGreeks
    /// `unit` × multiplier × contracts: cash sensitivities of the whole position (dollars per index
    /// point, per 1.00 of vol, per year, …).
    public var position: OptionGreeks
}

/// Where the condor's mark meets a stop level as volatility changes, at today's spot.
public enum VolatilityBreakEven: Sendable, Hashable {
    /// The flat implied volatility (annual fraction) at which the closing cost first reaches the stop.
    case volatility(Double)
    /// The closing cost stays below the stop for every volatility up to the search limit.
    case unreachable
    /// The closing cost is at or above the stop even at the lowest volatility searched.
    case reachedAtAnyVolatility
}

/// Valuation and risk of a short iron condor with Black-Scholes-Merton legs.
public enum IronCondorAnalytics {
    /// Mark and greeks from per-leg volatilities.
    /// - Throws: `FinanceError.invalidInput` naming a bad market field or leg vol.
    public static func valuation(of condor: IronCondor, market: CondorMarket, volatilities: CondorLegVolatilities) throws -> CondorValuation {
        var unit = OptionGreeks.zero
        for (leg, vol) in zip(condor.legs, volatilities.ordered) {
            let greeks = try BlackScholesMerton.greeks(leg.right, spot: market.spot, strike: leg.strike, timeYears: market.timeYears,
                                                       rate: market.rate, dividendYield: market.dividendYield, volatility: vol)
            unit = unit + greeks * leg.quantity
        }
        return CondorValuation(closingCost: -unit.price, unit: unit,
                               position: unit * (condor.multiplier * Double(condor.contracts)))
    }

    /// Per-unit closing cost at one flat volatility (inputs assumed valid).
    static func closingCost(_ condor: IronCondor, _ market: CondorMarket, flat vol: Double) -> Double {
        var value = 0.0
        for leg in condor.legs {
            value -= leg.quantity * BlackScholesMerton.uncheckedPrice(
                leg.right, spot: market.spot, strike: leg.strike, timeYears: market.timeYears,
                rate: market.rate, dividendYield: market.dividendYield, volatility: vol)
        }
        return value
    }

    /// The flat implied volatility at which the condor's closing cost per unit reaches `stopLevel`
    /// (index points, e.g. (1 + stop) × credit), at today's spot and time. Searches σ from
    /// `lowest` to `highest` on a geometric grid for the first crossing, then refines it by bisection
    /// to 1e-12.
    /// - Throws: `FinanceError.invalidInput` for a bad market field or stop level.
    public static func breakEvenVolatility(of condor: IronCondor, market: CondorMarket, stopLevel: Double,
                                           lowest: Double = 0.005, highest: Double = 5) throws -> VolatilityBreakEven {
        try BlackScholesMerton.validate(spot: market.spot, strike: condor.shortPut, timeYears: market.timeYears,
                                        rate: market.rate, dividendYield: market.dividendYield, volatility: lowest)
        try Check.positive(stopLevel, "stop_level")
        try Check.positive(highest, "highest")
        return VolatilityBreakEven.search(lowest: lowest, highest: highest) { closingCost(condor, market, flat: $0) - stopLevel }
    }
}

extension VolatilityBreakEven {
    /// The first volatility in [`lowest`, `highest`] where `excess` (closing cost − stop) reaches 0:
    /// a geometric grid of 200 steps for the first crossing, refined by bisection to 1e-12.
    static func search(lowest: Double, highest: Double, excess f: (Double) -> Double) -> VolatilityBreakEven {
        var previousVol = lowest
        if f(lowest) >= 0 { return .reachedAtAnyVolatility }
        let steps = 200
        let ratio = pow(highest / lowest, 1 / Double(steps))
        for step in 1...steps {
            let vol = step == steps ? highest : lowest * pow(ratio, Double(step))
            if f(vol) >= 0 {
                var low = previousVol, high = vol
                while high - low > 1e-12 * high {
                    let mid = 0.5 * (low + high)
                    if f(mid) >= 0 { high = mid } else { low = mid }
                }
                return .volatility(0.5 * (low + high))
            }
            previousVol = vol
        }
        return .unreachable
    }
}
