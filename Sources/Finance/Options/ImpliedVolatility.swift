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

    /// Solves b(x, s) = target for s = σ√t, with x ≤ 0 and 0 < target < e^{x/2}.
    @usableFromInline
    static func normalisedTotalVolatility(x: Double, target: Double) -> Double {
        let halfX = 0.5 * x
        let ex2 = exp(halfX)
        let emx2 = 1 / ex2
        let bmax = ex2
        let xx = x * x
        let inv = NormalDistribution.inverseSqrtTwoPi

        @inline(__always) func vega(_ s: Double) -> Double {
            let xs = x / s
            let h = 0.5 * s
            return inv * exp(-0.5 * (xs * xs + h * h))
        }
        @inline(__always) func value(_ s: Double) -> Double {
            let xs = x / s
            let h = 0.5 * s
            return ex2 * NormalDistribution.cdf(xs + h) - emx2 * NormalDistribution.cdf(xs - h)
        }
        /// bmax − b, without cancellation.
        @inline(__always) func complement(_ s: Double) -> Double {
            let xs = x / s
            let h = 0.5 * s
            return ex2 * NormalDistribution.cdf(-xs - h) + emx2 * NormalDistribution.cdf(xs - h)
        }

        enum Region { case lower, middle, upper }
        let sc = (-2 * x).squareRoot()
        let bc = x < 0 ? value(sc) : 0
        let vc = x < 0 ? vega(sc) : inv
        var lo = 0.0
        var hi = Double.infinity
        var s: Double
        let region: Region
        if target < bc {
            region = .lower
            hi = sc
            // Leading term of the lower asymptote: b ≈ exp(−x²/(2s²)).
            s = -x / (-2 * log(target)).squareRoot()
            if !(s > 0 && s < sc) { s = 0.5 * sc }
        } else {
            lo = sc
            let su = sc + (bmax - bc) / vc
            if target <= value(su) {
                region = .middle
                hi = su
                s = sc + (target - bc) / vc
                if !(s > lo && s < hi) { s = 0.5 * (lo + hi) }
            } else {
                region = .upper
                lo = su
                s = su
            }
        }
        let logTarget = log(target)
        let inverseLogTarget = 1 / logTarget
        let logComplementTarget = log(bmax - target)

        for _ in 0..<64 {
            let v = vega(s)
            let s2 = s * s
            let curvature = v * (xx / (s2 * s) - 0.25 * s) // b''
            var f = 0.0, f1 = 0.0, f2 = 0.0
            var usable = true
            switch region {
            case .middle:
                let b = value(s)
                if b > target { hi = min(hi, s) } else { lo = max(lo, s) }
                f = b - target
                f1 = v
                f2 = curvature
            case .lower:
                let b = value(s)
                if b > target { hi = min(hi, s) } else { lo = max(lo, s) }
                if b > 0 && v > 0 {
                    let l = log(b)
                    let l1 = v / b
                    let l2 = curvature / b - l1 * l1
                    let il = 1 / l
                    f = il - inverseLogTarget
                    f1 = -l1 * il * il
                    f2 = (-l2 + 2 * l1 * l1 * il) * il * il
                } else {
                    usable = false
                }
            case .upper:
                let c = complement(s)
                if c < bmax - target { hi = min(hi, s) } else { lo = max(lo, s) }
                if c > 0 {
                    let g1 = v / c
                    f = logComplementTarget - log(c)
                    f1 = g1
                    f2 = curvature / c + g1 * g1
                } else {
                    usable = false
                }
            }
            var next: Double
            if usable, f1 != 0, f1.isFinite, f.isFinite {
                let newton = f / f1
                let denominator = 1 - 0.5 * newton * f2 / f1
                next = s - ((denominator > 0.5 && denominator < 2) ? newton / denominator : newton)
            } else {
                next = .nan
            }
            if !(next > lo && next < hi) {
                next = hi.isFinite ? 0.5 * (lo + hi) : 2 * s
            }
            if abs(next - s) <= 1e-14 * s || hi - lo <= 1e-15 * s {
                return next
            }
            s = next
        }
        return s
    }
}
