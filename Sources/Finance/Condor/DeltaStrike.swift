import Foundation

/// The strike selection the backtest and `alvh calc chain-fit` share: the listed strike whose
/// option has |Black-Scholes-Merton delta| closest to a target, each strike valued at its own
/// skewed volatility. Bisects in strike on |delta| between the spot and 0.2 × spot (puts) or
/// 3 × spot (calls), 80 halvings, then takes the nearer in |delta| of the two grid strikes around
/// the continuous solution (the lower one on a tie).
public enum DeltaStrike {
    /// The out-of-the-money grid strike with |delta| closest to `targetDelta` (0.16 = 16 delta).
    /// - Parameters:
    ///   - levels: the mark's volatility indices (index points), read through `skew`.
    ///   - spot: index level; `rate`, `dividendYield` continuously compounded annual fractions;
    ///     `timeYears` act/365 to settlement; `strikeStep` the listing grid (5 for SPX).
    /// - Throws: `FinanceError.invalidInput` for a target outside (0, 0.5), a step or input that is
    ///   not finite and > 0, or invalid skew inputs.
    public static func strike(_ right: OptionRight, targetDelta: Double, skew: VolatilitySkew, levels: VolatilityLevels,
                              spot: Double, rate: Double, dividendYield: Double, timeYears: Double, strikeStep: Double) throws -> Double {
        guard targetDelta > 0, targetDelta < 0.5 else {
            throw FinanceError.invalidInput(field: "target_delta", rule: "must be between 0 and 0.5 (got \(targetDelta))")
        }
        try Check.positive(strikeStep, "strike_step")
        try BlackScholesMerton.validate(spot: spot, strike: spot, timeYears: timeYears, rate: rate, dividendYield: dividendYield, volatility: 0.2)
        let terms = try VolatilityTermStructure(levels: levels)
        let forward = spot * exp((rate - dividendYield) * timeYears)
        func size(_ strike: Double) -> Double {
            let vol = skew.volatility(terms: terms, logMoneyness: log(strike / forward), timeYears: timeYears)
            return abs(BlackScholesMerton.uncheckedGreeks(right, spot: spot, strike: strike, timeYears: timeYears, rate: rate,
                                                          dividendYield: dividendYield, volatility: vol).delta)
        }
        // |delta| falls as the strike moves away from the money.
        var near = spot, far = right == .put ? spot * 0.2 : spot * 3
        for _ in 0..<80 {
            let mid = 0.5 * (near + far)
            if size(mid) > targetDelta { near = mid } else { far = mid }
        }
        let continuous = 0.5 * (near + far)
        let below = (continuous / strikeStep).rounded(.down) * strikeStep
        let candidates = [below, below + strikeStep].filter { $0 > 0 }
        return candidates.min { abs(size($0) - targetDelta) < abs(size($1) - targetDelta) }!
    }
}
