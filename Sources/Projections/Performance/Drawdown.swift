import Foundation
import Ledger

/// The deepest fall of a curve from a running peak: how deep, from which session's peak to which
/// trough, and the first session back at that peak (nil when the curve never got back).
public struct Drawdown<Depth: Sendable & Hashable>: Sendable, Hashable {
    public var depth: Depth
    public var peak: CalendarDate
    public var trough: CalendarDate
    public var recovered: CalendarDate?

    public init(depth: Depth, peak: CalendarDate, trough: CalendarDate, recovered: CalendarDate?) {
        self.depth = depth
        self.peak = peak
        self.trough = trough
        self.recovered = recovered
    }
}

/// The longest time a curve spent below a running peak: from the peak's date to the first session
/// back at it, or to the last session when it never got back (`recovered` false).
public struct LongestDrawdown: Sendable, Hashable {
    /// Calendar days.
    public var days: Int
    public var from: CalendarDate
    public var to: CalendarDate
    public var recovered: Bool

    public init(days: Int, from: CalendarDate, to: CalendarDate, recovered: Bool) {
        self.days = days
        self.from = from
        self.to = to
        self.recovered = recovered
    }
}

/// The deepest and the longest drawdown of a curve, both from one `RunningPeak` scan.
enum DrawdownScan {
    /// The deepest drawdown of `values` (one per date, after a start `start` on `startDate`):
    /// depth = value − peak for dollars (≤ 0), value / peak − 1 for wealth. Nil without a fall.
    static func deepest<T: Comparable & Sendable>(_ values: [(CalendarDate, T)], start: T, startDate: CalendarDate,
                                                   depth: (T, T) -> T, zero: T) -> Drawdown<T>? {
        var running = RunningPeak(start: start, on: startDate)
        var worst: (depth: T, peak: T, peakDate: CalendarDate, trough: CalendarDate, index: Int)?
        for (index, (date, value)) in values.enumerated() {
            if running.see(value, on: date) { continue }
            let d = depth(value, running.peak)
            if d < (worst?.depth ?? zero) { worst = (d, running.peak, running.peakDate, date, index) }
        }
        guard let worst else { return nil }
        let recovered = values[(worst.index + 1)...].first { $0.1 >= worst.peak }?.0
        return Drawdown(depth: worst.depth, peak: worst.peakDate, trough: worst.trough, recovered: recovered)
    }

    /// The longest spell below a running peak, in calendar days.
    static func longest<T: Comparable & Sendable>(_ values: [(CalendarDate, T)], start: T, startDate: CalendarDate) -> LongestDrawdown? {
        var running = RunningPeak(start: start, on: startDate)
        var under = false
        var best: LongestDrawdown?
        func consider(_ from: CalendarDate, _ to: CalendarDate, recovered: Bool) {
            let days = from.days(to: to)
            if days > (best?.days ?? 0) { best = LongestDrawdown(days: days, from: from, to: to, recovered: recovered) }
        }
        for (date, value) in values {
            let from = running.peakDate
            if running.see(value, on: date) {
                if under { consider(from, date, recovered: true) }
                under = false
            } else {
                under = true
            }
        }
        if under, let last = values.last { consider(running.peakDate, last.0, recovered: false) }
        return best
    }
}
