/// Moving-average convergence/divergence: line = EMA(fast) − EMA(slow), signal = EMA(signal span)
/// of the line, histogram = line − signal. EMAs as in `ExponentialMovingAverage` (seeded with the
/// first value), so every series has the input's count. Default spans 12, 26, 9.
public struct MACD: Sendable, Hashable {
    /// EMA(fast) − EMA(slow), in the input's units.
    public var line: [Double]
    /// EMA(signalSpan) of `line`.
    public var signal: [Double]
    /// line − signal. A histogram turning positive means momentum turning up.
    public var histogram: [Double]

    /// MACD of `values` (e.g. VIX closes, oldest first).
    public init(_ values: [Double], fast: Int = 12, slow: Int = 26, signalSpan: Int = 9) {
        let fastEMA = ExponentialMovingAverage.series(values, span: fast)
        let slowEMA = ExponentialMovingAverage.series(values, span: slow)
        line = zip(fastEMA, slowEMA).map { $0 - $1 }
        signal = ExponentialMovingAverage.series(line, span: signalSpan)
        histogram = zip(line, signal).map { $0 - $1 }
    }

    /// True when the histogram's last value is > 0 and the one before was ≤ 0.
    public var histogramTurnedPositive: Bool {
        guard histogram.count >= 2 else { return false }
        return histogram[histogram.count - 1] > 0 && histogram[histogram.count - 2] <= 0
    }
}
