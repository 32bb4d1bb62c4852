import Finance
import Foundation
import Ledger

/// A seeded synthetic market for backtests without files: daily closes of SPX, VIX, VIX9D and VIX3M
/// on weekdays, and a macro calendar. The same seed and parameters give the same days everywhere.
///
/// Model (daily steps, dt = 1/252):
/// - SPX variance v follows Heston: dv = κ(θ − v)dt + ξ√v dW₂ (full truncation), and
///   d ln S = (μ − v/2)dt + √v dW₁ + J, with corr(dW₁, dW₂) = ρ (leverage: vol rises as SPX falls).
/// - Jumps arrive with intensity λ per year: ln S jumps by N(jumpMean, jumpStd) and v rises by
///   U(jumpVarianceLow, jumpVarianceHigh) (capped at `maximumVariance`): crashes come with a vol spike.
/// - Volatility indices are the market's expected average variance over their horizon τ, with a
///   variance risk premium: σ²(τ) = premium × (L + (v − L)(1 − e^(−κτ))/(κτ)), index = 100σ, for
///   τ = 9, 30 and 93 days (VIX9D, VIX, VIX3M), where L = `longRunIndexVariance` is the long-run level
///   the market expects (above θ, since it prices the jumps). When v > L the short end is above the
///   long end: the term structure inverts in stress and is in contango in calm markets.
/// - A mean-reverting noise u (Ornstein-Uhlenbeck, `noiseReversion` per year, `noiseVolatility`
///   points) is added to VIX (×1), VIX9D (×1.4) and VIX3M (×0.5): spikes without confirmation.
/// - Calendar: FOMC on the Wednesday of ISO weeks 5, 11, 18, 24, 31, 37, 44, 50; CPI on the first
///   weekday on or after the 12th of each month; PPI the weekday after CPI.
public struct SyntheticMarket: Sendable {
    public struct Parameters: Sendable, Hashable, Codable {
        public var startSPX = 4000.0
        public var drift = 0.07
        public var kappa = 5.0
        public var theta = 0.02
        public var volOfVariance = 0.3
        public var rho = -0.7
        public var initialVariance = 0.02
        public var jumpsPerYear = 1.0
        public var jumpMean = -0.04
        public var jumpStd = 0.02
        public var jumpVarianceLow = 0.02
        public var jumpVarianceHigh = 0.08
        public var longRunIndexVariance = 0.05
        public var maximumVariance = 1.2
        public var varianceRiskPremium = 1.1
        public var noiseReversion = 12.0
        public var noiseVolatility = 4.0
        /// Lowest index level produced.
        public var floor = 9.0

        public init() {}
    }

    public var seed: UInt64
    public var parameters: Parameters

    public init(seed: UInt64, parameters: Parameters = Parameters()) {
        self.seed = seed
        self.parameters = parameters
    }

    /// `sessions` weekdays of closes starting on the first weekday on or after `start`.
    public func days(start: CalendarDay, sessions: Int) -> [MarketDay] {
        let p = parameters
        var random = SplitMix64(seed: seed)
        func uniform() -> Double { (Double(random.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
        let dt = 1.0 / 252
        var v = p.initialVariance
        var logS = log(p.startSPX)
        var u = 0.0
        var date = start
        var out: [MarketDay] = []
        out.reserveCapacity(sessions)
        func index(_ days: Double, noise: Double) -> Double {
            let tau = days / 365
            let decay = (1 - exp(-p.kappa * tau)) / (p.kappa * tau)
            let variance = p.varianceRiskPremium * (p.longRunIndexVariance + (v - p.longRunIndexVariance) * decay)
            return (max(p.floor, 100 * variance.squareRoot() + noise) * 100).rounded() / 100
        }
        while out.count < sessions {
            while !date.isWeekday { date = date.adding(days: 1) }
            if !out.isEmpty {
                let z1 = normal()
                let z2 = p.rho * z1 + (1 - p.rho * p.rho).squareRoot() * normal()
                let vPlus = max(v, 0)
                var jump = 0.0
                if uniform() < p.jumpsPerYear * dt {
                    jump = p.jumpMean + p.jumpStd * normal()
                    v = min(p.maximumVariance, v + p.jumpVarianceLow + (p.jumpVarianceHigh - p.jumpVarianceLow) * uniform())
                }
                logS += (p.drift - 0.5 * vPlus) * dt + (vPlus * dt).squareRoot() * z1 + jump
                v = min(p.maximumVariance, max(0.0004, v + p.kappa * (p.theta - vPlus) * dt + p.volOfVariance * (vPlus * dt).squareRoot() * z2))
                u += -p.noiseReversion * u * dt + p.noiseVolatility * dt.squareRoot() * normal()
            }
            let spx = (exp(logS) * 100).rounded() / 100
            out.append(MarketDay(date: date, spx: spx, vix: index(30, noise: u), vix3m: index(93, noise: 0.5 * u),
                                 vix9d: index(9, noise: 1.4 * u)))
            date = date.adding(days: 1)
        }
        return out
    }

    /// The synthetic FOMC/CPI/PPI calendar for the years `from`…`to` (see the type's documentation).
    public static func calendar(from: CalendarDay, to: CalendarDay) -> EventCalendar {
        var events: [MacroEvent] = []
        let firstYear = from.components.year, lastYear = to.components.year
        for year in firstYear...lastYear {
            // ISO week w's Wednesday: Monday of week 1 is the Monday on or before Jan 4.
            let jan4 = CalendarDay(year: year, month: 1, day: 4)!
            let week1Monday = jan4.adding(days: -(jan4.isoWeekday - 1))
            for week in [5, 11, 18, 24, 31, 37, 44, 50] {
                events.append(MacroEvent(date: week1Monday.adding(days: (week - 1) * 7 + 2), kind: .fomc, timeET: "14:00"))
            }
            for month in 1...12 {
                var cpi = CalendarDay(year: year, month: month, day: 12)!
                while !cpi.isWeekday { cpi = cpi.adding(days: 1) }
                var ppi = cpi.adding(days: 1)
                while !ppi.isWeekday { ppi = ppi.adding(days: 1) }
                events.append(MacroEvent(date: cpi, kind: .cpi, timeET: "08:30"))
                events.append(MacroEvent(date: ppi, kind: .ppi, timeET: "08:30"))
            }
        }
        return EventCalendar(events: events.filter { $0.date >= from && $0.date <= to.adding(days: 60) })
    }
}
