import Foundation

/// A leg's implied volatility from the CBOE volatility indices recorded at a mark (VIX9D, VIX,
/// VIX3M), as a function of log-moneyness and time, for when no option quote was recorded. Fitted
/// to real CBOE SPX chains (`alvh calc skew-fit`; README "Priced like the market").
///
/// With t the years to settlement (act/365), L(t) the indices' level at that tenor
/// (`VolatilityTermStructure`: total variance interpolated between 9, 30 and 93 days),
/// k = ln(K/F) (strike over forward) and time-scaled moneyness m = k / t^`moneynessTimeExponent`:
///
///     atm(t)           = atmFactor × (t / (30/365))^atmTenorExponent × L(t)
///     put wing  (m < 0): σ = atm × (1 + putSlope  × putScale  × (1 − e^(m/putScale)))
///     call wing (m ≥ 0): σ = atm × (1 − callSlope × callScale × (1 − e^(−m/callScale)))
///
/// then clamped to [minimum, maximum]. σ is continuous at the money, where its slope in m is
/// −putSlope × atm on the put side and −callSlope × atm on the call side; it rises monotonically
/// into the put wing up to atm × (1 + putSlope × putScale) and falls into the call wing down to
/// atm × (1 − callSlope × callScale). With VIX only (no VIX9D/VIX3M) L(t) = VIX at every tenor.
///
/// The defaults (`Fitted`) put at-the-money at 30 days at 0.80 × L, scale moneyness by t^0.197, let
/// the put wing rise up to 1.99 × atm and the call wing fall to 0.85 × atm. With VIX 15 alone and
/// t = 30/365: ATM 12.05 %, 5 % OTM put (K = 0.95 F) 15.83 %, 10 % OTM put 18.53 %, 5 % OTM call
/// 10.59 %. Every parameter is a stored property (recorded with the market model's events);
/// `validate()` checks the ranges.
public struct VolatilitySkew: Sendable, Hashable, Codable {
    /// At-the-money vol at 30 days as a fraction of the indices' level L (VIX is a variance-swap
    /// rate, above at-the-money vol because it prices the whole skew). Range (0, 3].
    public var atmFactor: Double
    /// How the at-the-money fraction changes with tenor: × (t / 30 days)^this. Range [−1, 1].
    public var atmTenorExponent: Double
    /// Exponent of t in the moneyness scaling m = ln(K/F) / t^this (0.5 is the classic √t). Range [0, 1].
    public var moneynessTimeExponent: Double
    /// Relative slope of the put wing at the money, per unit of m (−dσ/dm ÷ atm). Range [0, 50].
    public var putSlope: Double
    /// Moneyness scale (in m) over which the put wing saturates. Range [0.05, 10].
    public var putScale: Double
    /// Relative slope of the call wing at the money, per unit of m (−dσ/dm ÷ atm). Range [0, 50].
    public var callSlope: Double
    /// Moneyness scale (in m) over which the call wing flattens; callSlope × callScale < 1. Range [0.05, 10].
    public var callScale: Double
    /// Lowest vol returned (annual fraction). Range (0, maximum).
    public var minimum: Double
    /// Highest vol returned (annual fraction). Range (minimum, 10].
    public var maximum: Double

    /// The shipped fit (`Fitted`), minimum 0.01, maximum 5. (Not default arguments: those are
    /// compiled into each caller, so a caller built before a refit would keep the old values.)
    public init() {
        self.init(atmFactor: Fitted.atmFactor, atmTenorExponent: Fitted.atmTenorExponent, moneynessTimeExponent: Fitted.moneynessTimeExponent,
                  putSlope: Fitted.putSlope, putScale: Fitted.putScale, callSlope: Fitted.callSlope, callScale: Fitted.callScale)
    }

    public init(atmFactor: Double, atmTenorExponent: Double, moneynessTimeExponent: Double, putSlope: Double, putScale: Double,
                callSlope: Double, callScale: Double, minimum: Double = 0.01, maximum: Double = 5) {
        self.atmFactor = atmFactor
        self.atmTenorExponent = atmTenorExponent
        self.moneynessTimeExponent = moneynessTimeExponent
        self.putSlope = putSlope
        self.putScale = putScale
        self.callSlope = callSlope
        self.callScale = callScale
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The shipped defaults: what `alvh calc skew-fit` prints for the five training chains of
    /// `../shared/data/spx_chains` (2021-06-15, 2022-06-10, 2023-03-15, 2024-01-05, 2026-03-13) with
    /// the indices of `../shared/data`, rate 0.04 and dividend yield 0.013 (README "Priced like the
    /// market"); callScale sits at its lower bound 0.05.
    public enum Fitted {
        public static let atmFactor = 0.8031492163538921
        public static let atmTenorExponent = -0.05568812314939024
        public static let moneynessTimeExponent = 0.19699111359705773
        public static let putSlope = 4.498629855371349
        public static let putScale = 0.22031857443424466
        public static let callSlope = 3.033598851889227
        public static let callScale = 0.050000000012586227
    }

    /// The parameters by name, in declaration order (for printing and fitting).
    public var parameters: [(name: String, value: Double)] {
        [("atmFactor", atmFactor), ("atmTenorExponent", atmTenorExponent), ("moneynessTimeExponent", moneynessTimeExponent),
         ("putSlope", putSlope), ("putScale", putScale), ("callSlope", callSlope), ("callScale", callScale),
         ("minimum", minimum), ("maximum", maximum)]
    }

    /// Throws `FinanceError.invalidInput` naming the first parameter outside its documented range.
    public func validate() throws {
        func check(_ value: Double, _ name: String, _ ok: Bool, _ range: String) throws {
            guard value.isFinite, ok else { throw FinanceError.invalidInput(field: name, rule: "must be \(range) (got \(value))") }
        }
        try check(atmFactor, "atmFactor", atmFactor > 0 && atmFactor <= 3, "in (0, 3]")
        try check(atmTenorExponent, "atmTenorExponent", abs(atmTenorExponent) <= 1, "in [-1, 1]")
        try check(moneynessTimeExponent, "moneynessTimeExponent", (0...1).contains(moneynessTimeExponent), "in [0, 1]")
        try check(putSlope, "putSlope", (0...50).contains(putSlope), "in [0, 50]")
        try check(putScale, "putScale", (0.05...10).contains(putScale), "in [0.05, 10]")
        try check(callSlope, "callSlope", (0...50).contains(callSlope), "in [0, 50]")
        try check(callScale, "callScale", (0.05...10).contains(callScale), "in [0.05, 10]")
        try check(callSlope * callScale, "callSlope × callScale", callSlope * callScale < 1, "below 1 (the call wing stays above 0)")
        try check(minimum, "minimum", minimum > 0 && minimum < maximum, "above 0 and below maximum")
        try check(maximum, "maximum", maximum <= 10, "at most 10")
    }

    /// σ (annual fraction) for a strike against a forward, from the volatility indices recorded at
    /// the mark. This is the entry point the market model uses.
    /// - Throws: `FinanceError.invalidInput` for an index, strike, forward or time that is not
    ///   finite and > 0.
    public func volatility(levels: VolatilityLevels, strike: Double, forward: Double, timeYears: Double) throws -> Double {
        try Check.positive(strike, "strike")
        try Check.positive(forward, "forward")
        try Check.positive(timeYears, "t_years")
        return volatility(terms: try VolatilityTermStructure(levels: levels), logMoneyness: log(strike / forward), timeYears: timeYears)
    }

    /// σ for a strike against a forward from VIX alone (index points, 15 = 15 %): the same as
    /// `volatility(levels:…)` with `VolatilityLevels(vix: vix)`.
    public func volatility(vix: Double, strike: Double, forward: Double, timeYears: Double) throws -> Double {
        try volatility(levels: VolatilityLevels(vix: vix), strike: strike, forward: forward, timeYears: timeYears)
    }

    /// σ for log-moneyness ln(K/F) from VIX alone.
    public func volatility(vix: Double, logMoneyness: Double, timeYears: Double) throws -> Double {
        try Check.positive(timeYears, "t_years")
        try Check.finite(logMoneyness, "log_moneyness")
        return volatility(terms: try VolatilityTermStructure(levels: VolatilityLevels(vix: vix)), logMoneyness: logMoneyness, timeYears: timeYears)
    }

    /// σ for log-moneyness ln(K/F) at `timeYears` (> 0) on a term structure, without input checks.
    public func volatility(terms: VolatilityTermStructure, logMoneyness k: Double, timeYears t: Double) -> Double {
        let atm = atmFactor * pow(t / VolatilityTermStructure.vixYears, atmTenorExponent) * terms.volatility(timeYears: t)
        let m = k / pow(t, moneynessTimeExponent)
        let shape = m < 0
            ? 1 + putSlope * putScale * -expm1(m / putScale)
            : 1 - callSlope * callScale * -expm1(-m / callScale)
        return min(max(atm * shape, minimum), maximum)
    }
}
