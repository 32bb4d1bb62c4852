import Foundation

/// Fits `VolatilitySkew`'s shape parameters to real chains: the mean squared relative error of the
/// model's volatility against the real one, averaged per expiry and then over expiries (each
/// expiry weighs the same, however many strikes it lists), minimised by Nelder–Mead from a start.
///
/// The options used (`samples`, `Selection`): one root per expiry (SPXW where both are listed), expiries
/// with 7–70 calendar days by default, out-of-the-money against the model forward (puts below it,
/// calls at or above), a real bid, a mid whose Black-Scholes-Merton volatility exists, and |delta|
/// at that volatility between 0.05 and 0.50 (condor legs live there, and near the money once the
/// index moves; further out the quotes are a tick or two wide and say little about volatility).
public enum SkewFit {
    /// Where `alvh calc skew-fit` starts its search: round numbers of the right sign and size
    /// (at-the-money 85 % of the level, √t scaling, a put wing steeper than the call wing).
    public static let start = VolatilitySkew(atmFactor: 0.85, atmTenorExponent: 0, moneynessTimeExponent: 0.5, putSlope: 2,
                                             putScale: 1, callSlope: 1.5, callScale: 0.3)

    /// Which options of a chain are fitted.
    public struct Selection: Sendable, Hashable {
        public var days: ClosedRange<Int>
        public var deltas: ClosedRange<Double>

        public init(days: ClosedRange<Int> = 7...70, deltas: ClosedRange<Double> = 0.05...0.50) {
            self.days = days
            self.deltas = deltas
        }
    }

    /// The options of one expiry, with the inputs the model needs.
    public struct ExpirySamples: Sendable {
        public var expiry: CalendarDay
        public var timeYears: Double
        public var terms: VolatilityTermStructure
        /// (ln(K/F), real volatility) per option.
        public var options: [(logMoneyness: Double, volatility: Double)]
    }

    /// The fit samples of one chain priced at `rate` and `dividendYield` with the indices `levels`.
    public static func samples(_ chain: OptionChain, levels: VolatilityLevels, rate: Double, dividendYield: Double,
                               selection: Selection = Selection()) throws -> [ExpirySamples] {
        let terms = try VolatilityTermStructure(levels: levels)
        return chain.preferredExpiries.filter { selection.days.contains(chain.daysToExpiry($0)) }.compactMap { expiry in
            let t = chain.timeYears(to: expiry)
            let forward = chain.spot * exp((rate - dividendYield) * t)
            let options: [(logMoneyness: Double, volatility: Double)] = expiry.strikes.compactMap { row in
                let right: OptionRight = row.strike < forward ? .put : .call
                let quote = right == .put ? row.put : row.call
                guard quote.hasRealBid, let vol = try? ImpliedVolatility.bsm(price: quote.mid, right: right, spot: chain.spot, strike: row.strike,
                                                                             timeYears: t, rate: rate, dividendYield: dividendYield) else { return nil }
                let delta = BlackScholesMerton.uncheckedGreeks(right, spot: chain.spot, strike: row.strike, timeYears: t, rate: rate,
                                                               dividendYield: dividendYield, volatility: vol).delta
                guard selection.deltas.contains(abs(delta)) else { return nil }
                return (log(row.strike / forward), vol)
            }
            return options.isEmpty ? nil : ExpirySamples(expiry: expiry.expiry, timeYears: t, terms: terms, options: options)
        }
    }

    /// Mean over expiries of the mean squared relative volatility error (model ÷ real − 1)².
    public static func loss(_ skew: VolatilitySkew, _ samples: [ExpirySamples]) -> Double {
        guard !samples.isEmpty else { return .nan }
        var total = 0.0
        for expiry in samples {
            var sum = 0.0
            for option in expiry.options {
                let model = skew.volatility(terms: expiry.terms, logMoneyness: option.logMoneyness, timeYears: expiry.timeYears)
                let error = model / option.volatility - 1
                sum += error * error
            }
            total += sum / Double(expiry.options.count)
        }
        return total / Double(samples.count)
    }

    /// The fitted skew, its loss and the start's.
    public struct Result: Sendable, Hashable {
        public var skew: VolatilitySkew
        public var loss: Double
        public var startLoss: Double
        public var evaluations: Int
        public var expiries: Int
        public var options: Int
    }

    /// Minimises `loss` over the seven shape parameters (atmFactor … callScale) from `start`
    /// (minimum and maximum stay). Parameter sets outside `VolatilitySkew.validate()` count as +∞.
    /// Two Nelder–Mead passes of at most `evaluations` each, the second restarted at the first's
    /// best point. Deterministic.
    public static func fit(_ samples: [ExpirySamples], start: VolatilitySkew = SkewFit.start, evaluations: Int = 6_000) throws -> Result {
        guard !samples.isEmpty else { throw FinanceError.invalidInput(field: "chains", rule: "no options to fit (no expiry in range with real bids)") }
        try start.validate()
        func skew(_ x: [Double]) -> VolatilitySkew {
            var s = start
            (s.atmFactor, s.atmTenorExponent, s.moneynessTimeExponent, s.putSlope, s.putScale, s.callSlope, s.callScale) =
                (x[0], x[1], x[2], x[3], x[4], x[5], x[6])
            return s
        }
        func objective(_ x: [Double]) -> Double {
            let s = skew(x)
            guard (try? s.validate()) != nil else { return .infinity }
            return loss(s, samples)
        }
        let x0 = [start.atmFactor, start.atmTenorExponent, start.moneynessTimeExponent, start.putSlope, start.putScale, start.callSlope, start.callScale]
        let steps = x0.map { max(abs($0) * 0.2, 0.05) }
        let search = NelderMead(maxEvaluations: evaluations, valueTolerance: 1e-12)
        let first = search.minimize(objective, start: x0, steps: steps)
        let second = search.minimize(objective, start: first.point, steps: first.point.map { max(abs($0) * 0.1, 0.02) })
        let best = second.value <= first.value ? second : first
        return Result(skew: skew(best.point), loss: best.value, startLoss: loss(start, samples),
                      evaluations: first.evaluations + second.evaluations, expiries: samples.count,
                      options: samples.reduce(0) { $0 + $1.options.count })
    }
}
