import Foundation

/// Black-76 for a European option on a forward or future (VIX options on the VIX future of their
/// month). The price is discounted at `rate`.
///
/// Inputs: `forward` and `strike` (> 0), `timeYears` act/365 (> 0), `rate` continuously compounded
/// (finite), `volatility` annual fraction (> 0). Prices per unit (no multiplier).
public enum Black76 {
    /// Price, forward delta and vega of one option.
    public struct Greeks: Sendable, Hashable {
        /// Discounted price per unit.
        public var price: Double
        /// dV/dF.
        public var forwardDelta: Double
        /// dV/dσ per 1.00 of volatility.
        public var vega: Double

        public init(price: Double, forwardDelta: Double, vega: Double) {
            self.price = price
            self.forwardDelta = forwardDelta
            self.vega = vega
        }
    }

    /// The option's discounted price per unit.
    /// - Throws: `FinanceError.invalidInput` naming the first invalid field.
    public static func price(_ right: OptionRight, forward: Double, strike: Double, timeYears: Double,
                             rate: Double, volatility: Double) throws -> Double {
        try greeks(right, forward: forward, strike: strike, timeYears: timeYears, rate: rate, volatility: volatility).price
    }

    /// Price, forward delta and vega.
    /// - Throws: `FinanceError.invalidInput` naming the first invalid field.
    public static func greeks(_ right: OptionRight, forward: Double, strike: Double, timeYears: Double,
                              rate: Double, volatility: Double) throws -> Greeks {
        try Check.positive(forward, "forward")
        try Check.positive(strike, "strike")
        try Check.positive(timeYears, "t_years")
        try Check.finite(rate, "rate")
        try Check.positive(volatility, "vol")
        return uncheckedGreeks(right, forward: forward, strike: strike, timeYears: timeYears, rate: rate, volatility: volatility)
    }

    /// Greeks without validation (inputs must already be valid).
    @inlinable
    public static func uncheckedGreeks(_ right: OptionRight, forward: Double, strike: Double, timeYears: Double,
                                       rate: Double, volatility: Double) -> Greeks {
        let sqrtT = timeYears.squareRoot()
        let totalVol = volatility * sqrtT
        let d1 = log(forward / strike) / totalVol + 0.5 * totalVol
        let d2 = d1 - totalVol
        let discount = exp(-rate * timeYears)
        let w = right.sign
        let nd1 = NormalDistribution.cdf(w * d1)
        let nd2 = NormalDistribution.cdf(w * d2)
        return Greeks(
            price: discount * w * (forward * nd1 - strike * nd2),
            forwardDelta: discount * w * nd1,
            vega: discount * forward * NormalDistribution.pdf(d1) * sqrtT
        )
    }
}
