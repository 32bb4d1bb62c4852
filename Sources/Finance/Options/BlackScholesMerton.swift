import Foundation

/// Black-Scholes-Merton for a European option on a spot paying a continuous dividend yield
/// (SPX, SPXW and XSP index options).
///
/// Inputs: `spot` and `strike` in index points (> 0), `timeYears` act/365 to settlement (> 0),
/// `rate` and `dividendYield` continuously compounded annual fractions (any finite value),
/// `volatility` annual fraction (> 0; 0.2 = 20 %). Prices are per unit (no multiplier).
///
/// Φ is computed through `erfc`, so far wings and hours-to-expiry keep relative precision and never
/// produce NaN.
public enum BlackScholesMerton {
    /// The option's price per unit.
    /// - Throws: `FinanceError.invalidInput` naming the first field that is not finite (or not > 0).
    public static func price(_ right: OptionRight, spot: Double, strike: Double, timeYears: Double,
                             rate: Double, dividendYield: Double, volatility: Double) throws -> Double {
        try validate(spot: spot, strike: strike, timeYears: timeYears, rate: rate, dividendYield: dividendYield, volatility: volatility)
        return uncheckedPrice(right, spot: spot, strike: strike, timeYears: timeYears, rate: rate,
                              dividendYield: dividendYield, volatility: volatility)
    }

    /// Price and all greeks (see `OptionGreeks` for units).
    /// - Throws: `FinanceError.invalidInput` naming the first invalid field.
    public static func greeks(_ right: OptionRight, spot: Double, strike: Double, timeYears: Double,
                              rate: Double, dividendYield: Double, volatility: Double) throws -> OptionGreeks {
        try validate(spot: spot, strike: strike, timeYears: timeYears, rate: rate, dividendYield: dividendYield, volatility: volatility)
        return uncheckedGreeks(right, spot: spot, strike: strike, timeYears: timeYears, rate: rate,
                               dividendYield: dividendYield, volatility: volatility)
    }

    /// Throws `FinanceError.invalidInput` for the first field that is out of its domain.
    public static func validate(spot: Double, strike: Double, timeYears: Double, rate: Double,
                                dividendYield: Double, volatility: Double) throws {
        try Check.positive(spot, "spot")
        try Check.positive(strike, "strike")
        try Check.positive(timeYears, "t_years")
        try Check.finite(rate, "rate")
        try Check.finite(dividendYield, "div_yield")
        try Check.positive(volatility, "vol")
    }

    /// Price without validation (inputs must already be valid).
    @inlinable
    public static func uncheckedPrice(_ right: OptionRight, spot: Double, strike: Double, timeYears: Double,
                                      rate: Double, dividendYield: Double, volatility: Double) -> Double {
        let sqrtT = timeYears.squareRoot()
        let totalVol = volatility * sqrtT
        let d1 = (log(spot / strike) + (rate - dividendYield) * timeYears) / totalVol + 0.5 * totalVol
        let d2 = d1 - totalVol
        let spotDiscounted = spot * exp(-dividendYield * timeYears)
        let strikeDiscounted = strike * exp(-rate * timeYears)
        let w = right.sign
        return w * (spotDiscounted * NormalDistribution.cdf(w * d1) - strikeDiscounted * NormalDistribution.cdf(w * d2))
    }

    /// Price and greeks without validation (inputs must already be valid).
    @inlinable
    public static func uncheckedGreeks(_ right: OptionRight, spot: Double, strike: Double, timeYears: Double,
                                       rate: Double, dividendYield: Double, volatility: Double) -> OptionGreeks {
        let sqrtT = timeYears.squareRoot()
        let totalVol = volatility * sqrtT
        let d1 = (log(spot / strike) + (rate - dividendYield) * timeYears) / totalVol + 0.5 * totalVol
        let d2 = d1 - totalVol
        let dividendDiscount = exp(-dividendYield * timeYears)
        let rateDiscount = exp(-rate * timeYears)
        let spotDiscounted = spot * dividendDiscount
        let strikeDiscounted = strike * rateDiscount
        let w = right.sign
        let nd1 = NormalDistribution.cdf(w * d1)
        let nd2 = NormalDistribution.cdf(w * d2)
        let pdf1 = NormalDistribution.pdf(d1)
        let spotPdf = spotDiscounted * pdf1
        let vega = spotPdf * sqrtT
        return OptionGreeks(
            price: w * (spotDiscounted * nd1 - strikeDiscounted * nd2),
            delta: w * dividendDiscount * nd1,
            gamma: dividendDiscount * pdf1 / (spot * totalVol),
            vega: vega,
            theta: -spotPdf * volatility / (2 * sqrtT) - w * rate * strikeDiscounted * nd2 + w * dividendYield * spotDiscounted * nd1,
            rho: w * strikeDiscounted * timeYears * nd2,
            vanna: -dividendDiscount * pdf1 * d2 / volatility,
            volga: vega * d1 * d2 / volatility
        )
    }
}
