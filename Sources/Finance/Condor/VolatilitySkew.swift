import Foundation

/// A leg's implied volatility from VIX alone, as a function of log-moneyness and time, for when no
/// option quote was recorded.
///
/// With k = ln(K/F) (strike over forward), time-scaled moneyness m = k/√t, and
/// atm = atmFactor × VIX/100:
///
///     put wing  (m < 0): σ = atm × (1 + putSlope  × (1 − e^(m/scale)))
///     call wing (m ≥ 0): σ = atm × (1 − callSlope × (1 − e^(−m/scale)))
///
/// then clamped to [minimum, maximum]. σ is continuous, decreasing in k (rising monotonically into
/// the put wing), and bounded: between atm × (1 − callSlope) and atm × (1 + putSlope). Scaling by
/// √t keeps a short-dated 5 % OTM put further out on the smile than a long-dated one.
///
/// Defaults (SPX, 30-day-like smile): atmFactor 0.9 (VIX sits above at-the-money vol because it
/// prices the whole skew), putSlope 1.2, callSlope 0.3, scale 0.4. With VIX 15 and t = 30/365 this
/// gives ATM 13.5 %, 5 % OTM put (K = 0.95 F) ≈ 19.3 %, 10 % OTM put ≈ 23.2 %, 5 % OTM call ≈ 12.1 %.
public struct VolatilitySkew: Sendable, Hashable, Codable {
    /// At-the-money vol as a fraction of VIX/100.
    public var atmFactor: Double
    /// Maximum relative rise of vol deep in the put wing.
    public var putSlope: Double
    /// Maximum relative fall of vol deep in the call wing (< 1).
    public var callSlope: Double
    /// Moneyness scale (in units of k/√t) over which the wings saturate.
    public var scale: Double
    /// Lowest vol returned (annual fraction).
    public var minimum: Double
    /// Highest vol returned (annual fraction).
    public var maximum: Double

    public init(atmFactor: Double = 0.9, putSlope: Double = 1.2, callSlope: Double = 0.3, scale: Double = 0.4,
                minimum: Double = 0.01, maximum: Double = 5) {
        self.atmFactor = atmFactor
        self.putSlope = putSlope
        self.callSlope = callSlope
        self.scale = scale
        self.minimum = minimum
        self.maximum = maximum
    }

    /// σ for log-moneyness `logMoneyness` = ln(K/F) at `timeYears`, given `vix` in index points (15 = 15 %).
    /// - Throws: `FinanceError.invalidInput` for a VIX or time that is not finite and > 0, or a
    ///   non-finite moneyness.
    public func volatility(vix: Double, logMoneyness: Double, timeYears: Double) throws -> Double {
        try Check.positive(vix, "vix")
        try Check.positive(timeYears, "t_years")
        try Check.finite(logMoneyness, "log_moneyness")
        let atm = atmFactor * vix / 100
        let m = logMoneyness / timeYears.squareRoot()
        let sigma = m < 0
            ? atm * (1 + putSlope * -expm1(m / scale))
            : atm * (1 - callSlope * -expm1(-m / scale))
        return min(max(sigma, minimum), maximum)
    }

    /// σ for a strike against a forward (both > 0).
    public func volatility(vix: Double, strike: Double, forward: Double, timeYears: Double) throws -> Double {
        try Check.positive(strike, "strike")
        try Check.positive(forward, "forward")
        return try volatility(vix: vix, logMoneyness: log(strike / forward), timeYears: timeYears)
    }

    /// σ for a strike against a forward, from the volatility indices recorded at the mark. This is
    /// the entry point the market model uses; today it reads `levels.vix` only (the tenor-dependent
    /// ATM level from VIX9D/VIX/VIX3M replaces this body when the skew is fitted to real chains).
    public func volatility(levels: VolatilityLevels, strike: Double, forward: Double, timeYears: Double) throws -> Double {
        try volatility(vix: levels.vix, strike: strike, forward: forward, timeYears: timeYears)
    }
}

/// The CBOE volatility indices recorded at one mark, in index points (15 = 15 %). VIX is always
/// there; VIX9D (9-day) and VIX3M (3-month) when the feed records them.
public struct VolatilityLevels: Sendable, Hashable, Codable {
    public var vix9d: Double?
    public var vix: Double
    public var vix3m: Double?

    public init(vix9d: Double? = nil, vix: Double, vix3m: Double? = nil) {
        self.vix9d = vix9d
        self.vix = vix
        self.vix3m = vix3m
    }
}
