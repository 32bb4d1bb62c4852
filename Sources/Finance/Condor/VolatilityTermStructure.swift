import Foundation

/// The volatility level the CBOE indices imply for any tenor: VIX9D, VIX and VIX3M are 9-, 30- and
/// 93-calendar-day indices, so each gives a total variance w = (index/100)² × tenor; between two
/// tenors w is interpolated linearly in time, and the level is √(w/t). Before the shortest and
/// after the longest index the level is flat. Without VIX9D the short end is VIX's level; without
/// VIX3M the long end is.
///
/// Example: VIX9D 26.03, VIX 27.75, VIX3M 29.22 (2022-02-18) give 26.03 % at 7 days, 27.75 % at
/// 30 days, ≈ 28.84 % at 60 days and 29.22 % from 93 days on.
public struct VolatilityTermStructure: Sendable, Hashable {
    /// Tenors of the indices in years (act/365).
    public static let vix9dYears = 9.0 / 365
    public static let vixYears = 30.0 / 365
    public static let vix3mYears = 93.0 / 365

    /// (tenor in years, total variance) in increasing tenor.
    let points: [(t: Double, w: Double)]

    /// - Throws: `FinanceError.invalidInput` unless every given index is finite and > 0.
    public init(levels: VolatilityLevels) throws {
        try Check.positive(levels.vix, "vix")
        var points: [(t: Double, w: Double)] = []
        if let vix9d = levels.vix9d {
            try Check.positive(vix9d, "vix9d")
            points.append((Self.vix9dYears, Self.variance(vix9d, Self.vix9dYears)))
        }
        points.append((Self.vixYears, Self.variance(levels.vix, Self.vixYears)))
        if let vix3m = levels.vix3m {
            try Check.positive(vix3m, "vix3m")
            points.append((Self.vix3mYears, Self.variance(vix3m, Self.vix3mYears)))
        }
        self.points = points
    }

    private static func variance(_ index: Double, _ t: Double) -> Double { (index / 100) * (index / 100) * t }

    /// The level at `timeYears` (> 0) as an annual fraction (0.2775 = 27.75 %).
    public func volatility(timeYears t: Double) -> Double {
        let first = points[0], last = points[points.count - 1]
        if t <= first.t { return (first.w / first.t).squareRoot() }
        if t >= last.t { return (last.w / last.t).squareRoot() }
        for (a, b) in zip(points, points.dropFirst()) where t <= b.t {
            let w = a.w + (b.w - a.w) * (t - a.t) / (b.t - a.t)
            return (w / t).squareRoot()
        }
        return (last.w / last.t).squareRoot()
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.points.elementsEqual(rhs.points) { $0 == $1 } }

    public func hash(into hasher: inout Hasher) {
        for p in points { hasher.combine(p.t); hasher.combine(p.w) }
    }
}
