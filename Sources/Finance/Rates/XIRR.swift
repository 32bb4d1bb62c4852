import Foundation

/// XIRR, act/365: the annual rate r > −1 that solves Σ aᵢ (1 + r)^(−τᵢ) = 0 with
/// τᵢ = (dᵢ − d₀)/365 in calendar days from the first flow (the spreadsheet convention).
///
/// Method: the equation is solved for u = ln(1 + r), where it is a sum of exponentials
/// g(u) = Σ aᵢ e^(−τᵢ u) (one `exp` per flow per iteration, no logarithms). Halley steps start from
/// an exact step taken at u = 0 (free: every exponential is 1 there). When that fails (no
/// convergence, a vanishing slope, a step out of range), the solver scans u on a grid outwards from
/// 0 for a sign change and refines it by bisection with regula falsi. Flows without a sign change,
/// or whose g has no root, give `.noRate`: never NaN and never an unconverged guess.
public enum XIRR {
    /// The result of a solve.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// The annual rate (0.1 = 10 % a year).
        case rate(Double)
        /// No rate exists (or the input cannot have one); see the reason.
        case noRate(NoRateReason)

        /// The rate, or nil when there is none.
        public var rate: Double? {
            if case .rate(let value) = self { return value }
            return nil
        }

        /// The rate's full-precision description, or `none`.
        public var description: String {
            switch self {
            case .rate(let value): return "\(value)"
            case .noRate: return "none"
            }
        }
    }

    /// Why there is no rate.
    public enum NoRateReason: String, Sendable, Hashable {
        /// Fewer than two flows, or all amounts of one sign (or zero).
        case noSignChange
        /// Amounts change sign but the equation has no root for r > −1.
        case noRoot
        /// An amount or a year fraction is NaN or infinite.
        case nonFiniteInput
    }

    /// XIRR of dated flows (act/365 from the first flow's date; order does not matter).
    public static func solve(_ flows: [CashFlow]) -> Outcome {
        guard let first = flows.first else { return .noRate(.noSignChange) }
        let origin = first.date.daysSinceEpoch
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: flows.count) { times in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: flows.count) { amounts in
                for (index, flow) in flows.enumerated() {
                    times[index] = Double(flow.date.daysSinceEpoch - origin) / 365
                    amounts[index] = flow.amount
                }
                return solve(yearFractions: UnsafeBufferPointer(times), amounts: UnsafeBufferPointer(amounts))
            }
        }
    }

    /// XIRR from year fractions τᵢ (act/365, relative to any common origin) and amounts, aligned.
    public static func solve(yearFractions: [Double], amounts: [Double]) -> Outcome {
        precondition(yearFractions.count == amounts.count, "yearFractions and amounts must be aligned")
        return yearFractions.withUnsafeBufferPointer { times in
            amounts.withUnsafeBufferPointer { values in solve(yearFractions: times, amounts: values) }
        }
    }

    /// XIRR from aligned buffers of year fractions and amounts (no allocation).
    public static func solve(yearFractions times: UnsafeBufferPointer<Double>, amounts: UnsafeBufferPointer<Double>) -> Outcome {
        let count = min(times.count, amounts.count)
        var hasPositive = false, hasNegative = false
        var g = 0.0, g1 = 0.0, g2 = 0.0, scale = 0.0
        for i in 0..<count {
            let a = amounts[i], t = times[i]
            guard a.isFinite, t.isFinite else { return .noRate(.nonFiniteInput) }
            if a > 0 { hasPositive = true } else if a < 0 { hasNegative = true }
            g += a
            g1 -= t * a
            g2 += t * t * a
            scale += abs(a)
        }
        guard hasPositive, hasNegative else { return .noRate(.noSignChange) }

        // Halley in u from u = 0 (the evaluation at 0 is already done above).
        var u = 0.0
        var converged = false
        for _ in 0..<40 {
            guard g1 != 0, g1.isFinite, g.isFinite else { break }
            let newton = g / g1
            let denominator = 1 - 0.5 * newton * g2 / g1
            var step = -((denominator > 0.5 && denominator < 2) ? newton / denominator : newton)
            if step > 1 { step = 1 } else if step < -1 { step = -1 }
            u += step
            if abs(step) <= 1e-10 * (1 + abs(u)) {
                converged = true
                break
            }
            guard u > -30, u < 30 else { break }
            g = 0; g1 = 0; g2 = 0
            for i in 0..<count {
                let t = times[i]
                let term = amounts[i] * exp(-t * u)
                g += term
                g1 -= t * term
                g2 += t * t * term
            }
        }
        if converged, u.isFinite {
            let rate = expm1(u)
            if rate.isFinite, rate > -1 { return .rate(rate) }
        }
        return bracketed(times: times, amounts: amounts, count: count, scale: scale)
    }

    /// g(u) = Σ aᵢ e^(−τᵢ u).
    @inline(__always)
    static func value(_ u: Double, times: UnsafeBufferPointer<Double>, amounts: UnsafeBufferPointer<Double>, count: Int) -> Double {
        var g = 0.0
        for i in 0..<count { g += amounts[i] * exp(-times[i] * u) }
        return g
    }

    /// Grid scan outwards from u = 0 over u ∈ [−12, 12] (r from −0.999994 to 1.6e5) for a sign change,
    /// then bisection/regula falsi to full precision.
    static func bracketed(times: UnsafeBufferPointer<Double>, amounts: UnsafeBufferPointer<Double>, count: Int, scale: Double) -> Outcome {
        let stepSize = 0.01
        let g0 = value(0, times: times, amounts: amounts, count: count)
        if g0 == 0 { return .rate(0) }
        var bracket: (Double, Double, Double, Double)?
        var upper = (u: 0.0, g: g0), lower = (u: 0.0, g: g0)
        for k in 1...1200 {
            let uUp = Double(k) * stepSize
            let gUp = value(uUp, times: times, amounts: amounts, count: count)
            if gUp.isFinite, upper.g.isFinite, (gUp <= 0) != (upper.g <= 0) || gUp == 0 {
                bracket = (upper.u, upper.g, uUp, gUp); break
            }
            upper = (uUp, gUp)
            let uDown = -Double(k) * stepSize
            let gDown = value(uDown, times: times, amounts: amounts, count: count)
            if gDown.isFinite, lower.g.isFinite, (gDown <= 0) != (lower.g <= 0) || gDown == 0 {
                bracket = (uDown, gDown, lower.u, lower.g); break
            }
            lower = (uDown, gDown)
        }
        guard var (a, fa, b, fb) = bracket else { return .noRate(.noRoot) }
        if fa == 0 { return .rate(expm1(a)) }
        if fb == 0 { return .rate(expm1(b)) }
        // Illinois regula falsi, with bisection whenever it stalls.
        var side = 0
        for iteration in 0..<200 {
            var c = (a * fb - b * fa) / (fb - fa)
            if !(c > a && c < b) || iteration % 4 == 3 { c = 0.5 * (a + b) }
            let fc = value(c, times: times, amounts: amounts, count: count)
            if fc == 0 || b - a <= 1e-15 * (1 + abs(c)) { return .rate(expm1(c)) }
            if (fc < 0) == (fa < 0) {
                a = c; fa = fc
                if side == -1 { fb *= 0.5 }
                side = -1
            } else {
                b = c; fb = fc
                if side == 1 { fa *= 0.5 }
                side = 1
            }
        }
        let root = 0.5 * (a + b)
        return .rate(expm1(root))
    }
}
