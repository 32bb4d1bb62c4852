import EventStore
import Finance
import Foundation
import Ledger
import Strategy

/// What the strategy commands share: the store, dates, JSON.
enum StrategyCommandSupport {
    static func date(_ text: String, field: String) throws -> CalendarDay {
        guard let day = CalendarDay(iso: text) else { throw CLIFailure.invalid(field, "must be a date YYYY-MM-DD (got \(Echo.quoted(text)))") }
        return day
    }

    /// An ISO 8601 instant with offset (`2026-03-02T16:00:00-05:00`) or a date (its 16:00 New York close).
    static func instant(_ text: String, field: String) throws -> Date {
        if let day = CalendarDay(iso: text) { return Backtest.closeInstant(day) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw CLIFailure.invalid(field, "must be an ISO 8601 instant with a zone (2026-03-02T16:00:00-05:00) or a date YYYY-MM-DD (got \(Echo.quoted(text)))")
    }

    static func readCalendar(_ path: String?) throws -> EventCalendar? {
        guard let path else { return nil }
        guard FileManager.default.isReadableFile(atPath: path) else { throw CLIFailure.invalid("--calendar", "cannot read '\(path)'") }
        return try EventCalendar(contentsOf: URL(fileURLWithPath: path))
    }

    static func json(_ object: Any) throws -> String {
        let annotated = (object as? [String: Any]).map(StandbyReading.annotate) ?? object
        let data = try JSONSerialization.data(withJSONObject: annotated, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
