import Foundation

/// A wall-clock time in New York.
public struct ExchangeTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// `HH:MM`.
    public var description: String { String(format: "%02d:%02d", hour, minute) }

    public static func < (lhs: ExchangeTime, rhs: ExchangeTime) -> Bool { (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute) }

    /// This time on `day` in New York, as an instant.
    public func instant(on day: CalendarDay) -> Date {
        let (year, month, dayOfMonth) = day.components
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour, parts.minute) = (year, month, dayOfMonth, hour, minute)
        return Self.newYork.date(from: parts)!
    }

    static let newYork: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York")!
        return calendar
    }()
}
