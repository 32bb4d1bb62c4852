import Finance
import Strategy

/// A closed range of calendar days, `FROM..TO` on the command line (both ISO dates, inclusive).
public struct DateSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    public var from: CalendarDay
    public var to: CalendarDay

    public init(from: CalendarDay, to: CalendarDay) {
        self.from = from
        self.to = to
    }

    /// Parses `YYYY-MM-DD..YYYY-MM-DD`; the error names `field` and the rule.
    public init(parsing text: String, field: String) throws {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let from = CalendarDay(iso: parts[0]), let to = CalendarDay(iso: parts[1]) else {
            throw StrategyError.invalidInput(field: field, rule: "must be FROM..TO with dates YYYY-MM-DD (got '\(text)')")
        }
        guard from <= to else { throw StrategyError.invalidInput(field: field, rule: "must not end before it starts (got \(text))") }
        self.init(from: from, to: to)
    }

    public func contains(_ day: CalendarDay) -> Bool { from <= day && day <= to }

    /// Whether the two spans share a day.
    public func overlaps(_ other: DateSpan) -> Bool { from <= other.to && other.from <= to }

    public var description: String { "\(from)..\(to)" }
}

extension CalendarDay {
    /// The same month and day `years` later (29 February → 28 February in a common year).
    func adding(years: Int) -> CalendarDay {
        let c = components
        return CalendarDay(year: c.year + years, month: c.month, day: min(c.day, CalendarDay.daysIn(month: c.month, year: c.year + years)))!
    }
}
