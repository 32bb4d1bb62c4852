import Foundation
import Ledger

/// A curve against its running peak, one point at a time: the one scan behind every drawdown
/// figure (`PerformanceStatistics`' deepest and longest drawdowns) and the report's underwater
/// chart. The curve starts at `start` on `startDate`; a point at or above the peak is a new peak.
public struct RunningPeak<Value: Comparable & Sendable>: Sendable {
    /// The highest value seen so far (the start included).
    public private(set) var peak: Value
    /// The date of the latest point at or above the peak.
    public private(set) var peakDate: CalendarDate

    public init(start: Value, on startDate: CalendarDate) {
        peak = start
        peakDate = startDate
    }

    /// Takes the next point; true when it is at or above the peak (it becomes the peak).
    @discardableResult
    public mutating func see(_ value: Value, on date: CalendarDate) -> Bool {
        guard value >= peak else { return false }
        peak = value
        peakDate = date
        return true
    }
}

extension RunningPeak where Value == Decimal {
    /// Each point's distance below the running peak (≤ 0; dollars for a P&L curve).
    public static func underwater(_ points: [(CalendarDate, Decimal)], start: Decimal = 0) -> [Decimal] {
        guard let first = points.first else { return [] }
        var running = RunningPeak(start: start, on: first.0)
        return points.map { date, value in
            running.see(value, on: date)
            return value - running.peak
        }
    }
}
