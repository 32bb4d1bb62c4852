import Foundation

/// Implied volatility: the `volatility` at which the model price equals a given price.
///
/// Method: the price is reduced to the normalised out-of-the-money call value
/// b(x, s) = e^{x/2}Φ(x/s + s/2) − e^{−x/2}Φ(x/s − s/2), x = −|ln(F/K)| ≤ 0, s = σ√t, and solved
/// for s with safeguarded Halley steps (every step is kept inside a bracket that shrinks with each
/// evaluation; a step that leaves it becomes a bisection). As in Jäckel's "Let's Be Rational", the
/// objective depends on the region: below the inflection point s_c = √(2|x|) it is 1/ln b (nearly
/// linear there, so tiny wing prices converge as fast as at-the-money ones), around s_c it is b
/// itself, and close to the upper bound it is −ln(e^{x/2} − b), computed without cancellation.
/// Iteration stops when a step changes s by less than 1e-14 relative, which leaves the volatility
/// accurate to far better than 1e-9 wherever the price carries that information (vega × 1e-9 above
/// the price's rounding).
public enum ImpliedVolatility {
    /// Black-Scholes-Merton implied volatility (annual fraction) of a European option on a spot with
    /// dividend yield. Units as in `BlackScholesMerton`.
    /// - Throws: `FinanceError.priceBelowIntrinsic` / `.priceAboveUpperBound` when the price breaks a
    ///   no-arbitrage bound, `.invalidInput` naming a bad field.
    public static func bsm(price: Double, right: OptionRight, spot: Double, strike: Double, timeYears: Double,
                           rate: Double, dividendYield: Double) throws -> Double {
        try Check.finite(price, "price")
        try Check.positive(spot, "spot")
        try Check.positive(strike, "strike")
        try Check.positive(timeYears, "t_years")
        try Check.finite(rate, "rate")
        try Check.finite(dividendYield, "div_yield")
        let forward = spot * exp((rate - dividendYield) * timeYears)
        return try solve(price: price, right: right, forward: forward, strike: strike, timeYears: timeYears,
                         discount: exp(-rate * timeYears))
    }

    /// Black-76 implied volatility (annual fraction) of a European option on a forward, price
    /// discounted at `rate`.
    /// - Throws: as `bsm`.
    public static func black76(price: Double, right: OptionRight, forward: Double, strike: Double,
                               timeYears: Double, rate: Double) throws -> Double {
        try Check.finite(price, "price")
        try Check.positive(forward, "forward")
        try Check.positive(strike, "strike")
        try Check.positive(timeYears, "t_years")
        try Check.finite(rate, "rate")
        return try solve(price: price, right: right, forward: forward, strike: strike, timeYears: timeYears,
                         discount: exp(-rate * timeYears))
    }

    @usableFromInline
    static func solve(price: Double, right: OptionRight, forward: Double, strike: Double, timeYears: Double,
                      discount: Double) throws -> Double {
        guard forward.isFinite, forward > 0 else {
            throw FinanceError.invalidInput(field: "forward", rule: "must be a finite number greater than 0 (got \(forward))")
        }
        let undiscounted = price / discount
        let intrinsic = max(right.sign * (forward - strike), 0)
        let upper = right == .call ? forward : strike
        guard undiscounted < upper else {
            throw FinanceError.priceAboveUpperBound(price: price, bound: upper * discount)
        }
        guard undiscounted > intrinsic else {
            throw FinanceError.priceBelowIntrinsic(price: price, intrinsic: intrinsic * discount)
        }
        // The out-of-the-money counterpart (put-call parity), normalised by √(FK).
        let x = -abs(log(forward / strike))
        let target = (undiscounted - intrinsic) / (forward * strike).squareRoot()
        guard target > 0 else {
            throw FinanceError.priceBelowIntrinsic(price: price, intrinsic: intrinsic * discount)
        }
        guard target < exp(0.5 * x) else {
            throw FinanceError.priceAboveUpperBound(price: price, bound: upper * discount)
        }
        return normalisedTotalVolatility(x: x, target: target) / timeYears.squareRoot()
    }

    /// Solves b(x, s) = target for s = σ√t, with x ≤ 0 and 0 < target < e^{x/2}: Halley's method
    /// on a transform of b chosen per region (`NormalisedBlack.Region`), kept inside a bracket.
    @usableFromInline
    static func normalisedTotalVolatility(x: Double, target: Double) -> Double {
        let black = NormalisedBlack(x: x)
        var search = black.start(target: target)
        let objective = black.objective(target: target)
        for _ in 0..<64 {
            let step = black.halleyStep(search.s, search.region, objective, bracket: &search)
            let next = search.next(step)
            if abs(next - search.s) <= 1e-14 * search.s || search.hi - search.lo <= 1e-15 * search.s {
                return next
            }
            search.s = next
        }
        return search.s
    }
}

/// The normalised Black price b(x, s) = e^{x/2} N(x/s + s/2) − e^{−x/2} N(x/s − s/2) of an
/// out-of-the-money option (x = ln(F/K) ≤ 0, s = σ√t) with its derivatives in s, and the regions
/// the implied-volatility solver treats apart.
@usableFromInline
struct NormalisedBlack {
    let x: Double
    /// e^{x/2}, also the price's supremum.
    let ex2: Double
    let emx2: Double
    let xx: Double

    @usableFromInline
    init(x: Double) {
        self.x = x
        ex2 = exp(0.5 * x)
        emx2 = 1 / ex2
        xx = x * x
    }

    /// Below the inflection point, between it and the tangent's reach, and above.
    enum Region { case lower, middle, upper }

    /// db/ds.
    @inline(__always) func vega(_ s: Double) -> Double {
        let xs = x / s
        let h = 0.5 * s
        return NormalDistribution.inverseSqrtTwoPi * exp(-0.5 * (xs * xs + h * h))
    }

    @inline(__always) func value(_ s: Double) -> Double {
        let xs = x / s
        let h = 0.5 * s
        return ex2 * NormalDistribution.cdf(xs + h) - emx2 * NormalDistribution.cdf(xs - h)
    }

    /// e^{x/2} − b, without cancellation.
    @inline(__always) func complement(_ s: Double) -> Double {
        let xs = x / s
        let h = 0.5 * s
        return ex2 * NormalDistribution.cdf(-xs - h) + emx2 * NormalDistribution.cdf(xs - h)
    }

    /// The search state: the region, the current s and the bracket [lo, hi] around the root.
    struct Search {
        var region: Region
        var s: Double
        var lo: Double
        var hi: Double

        /// `candidate` when it lies inside the bracket, else a bisection (or a doubling while unbounded).
        @inline(__always) func next(_ candidate: Double) -> Double {
            candidate > lo && candidate < hi ? candidate : (hi.isFinite ? 0.5 * (lo + hi) : 2 * s)
        }
    }

    /// The constants of the transformed objective for `target`.
    struct Objective {
        let target: Double
        let inverseLogTarget: Double
        let logComplementTarget: Double
    }

    func objective(target: Double) -> Objective {
        Objective(target: target, inverseLogTarget: 1 / log(target), logComplementTarget: log(ex2 - target))
    }

    /// The region of `target` and a first guess from its asymptote or the tangent at the inflection point.
    func start(target: Double) -> Search {
        let sc = (-2 * x).squareRoot()
        let bc = x < 0 ? value(sc) : 0
        let vc = x < 0 ? vega(sc) : NormalDistribution.inverseSqrtTwoPi
        if target < bc {
            // Leading term of the lower asymptote: b ≈ exp(−x²/(2s²)).
            let s = -x / (-2 * log(target)).squareRoot()
            return Search(region: .lower, s: s > 0 && s < sc ? s : 0.5 * sc, lo: 0, hi: sc)
        }
        let su = sc + (ex2 - bc) / vc
        guard target <= value(su) else { return Search(region: .upper, s: su, lo: su, hi: .infinity) }
        let s = sc + (target - bc) / vc
        return Search(region: .middle, s: s > sc && s < su ? s : 0.5 * (sc + su), lo: sc, hi: su)
    }

    /// One Halley step from `s` on the region's objective (b − target; 1/ln b − 1/ln target below;
    /// ln(bmax − target) − ln(bmax − b) above), narrowing `bracket` with the sign of b − target;
    /// nan when the step cannot be taken.
    @inline(__always) func halleyStep(_ s: Double, _ region: Region, _ o: Objective, bracket: inout Search) -> Double {
        let v = vega(s)
        let curvature = v * (xx / (s * s * s) - 0.25 * s) // b''
        let f: Double, f1: Double, f2: Double
        switch region {
        case .middle:
            let b = value(s)
            narrow(&bracket, s, above: b > o.target)
            (f, f1, f2) = (b - o.target, v, curvature)
        case .lower:
            let b = value(s)
            narrow(&bracket, s, above: b > o.target)
            guard b > 0 && v > 0 else { return .nan }
            let l1 = v / b
            let l2 = curvature / b - l1 * l1
            let il = 1 / log(b)
            (f, f1, f2) = (il - o.inverseLogTarget, -l1 * il * il, (-l2 + 2 * l1 * l1 * il) * il * il)
        case .upper:
            let c = complement(s)
            narrow(&bracket, s, above: c < ex2 - o.target)
            guard c > 0 else { return .nan }
            let g1 = v / c
            (f, f1, f2) = (o.logComplementTarget - log(c), g1, curvature / c + g1 * g1)
        }
        guard f1 != 0, f1.isFinite, f.isFinite else { return .nan }
        let newton = f / f1
        let denominator = 1 - 0.5 * newton * f2 / f1
        return s - ((denominator > 0.5 && denominator < 2) ? newton / denominator : newton)
    }

    @inline(__always) private func narrow(_ bracket: inout Search, _ s: Double, above: Bool) {
        if above { bracket.hi = min(bracket.hi, s) } else { bracket.lo = max(bracket.lo, s) }
    }
}
