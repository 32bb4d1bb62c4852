/// Trend of the NYSE advance-decline line: the slope of an EMA of the cumulative line.
///
/// `line` is the cumulative A-D line (Σ advances − declines), oldest first. The trend is the last
/// one-session change of EMA(`span`) of the line: > 0 breadth improving, < 0 deteriorating.
public struct AdvanceDeclineTrend: Sendable, Hashable {
    /// Direction of the trend.
    public enum Direction: String, Sendable, Hashable {
        case rising, falling, flat
    }

    /// EMA(span)ₙ − EMA(span)ₙ₋₁, in A-D line units per session.
    public var slope: Double
    /// The sign of `slope`.
    public var direction: Direction

    /// nil with fewer than two values.
    public init?(line: [Double], span: Int = 10) {
        guard line.count >= 2 else { return nil }
        let ema = ExponentialMovingAverage.series(line, span: span)
        slope = ema[ema.count - 1] - ema[ema.count - 2]
        direction = slope > 0 ? .rising : (slope < 0 ? .falling : .flat)
    }

    /// From daily net advances (advances − declines per session): cumulates them into the line first.
    public init?(netAdvances: [Double], span: Int = 10) {
        var total = 0.0
        self.init(line: netAdvances.map { total += $0; return total }, span: span)
    }
}
