import EventStore
import Finance
import Foundation
import Strategy

/// What the strategy commands share: the store, error mapping, dates, the progress bar.
enum StrategyCommandSupport {
    /// Connects to the configured ledger and applies missing migrations.
    static func openStore(_ global: GlobalOptions) throws -> EventStore {
        try mapped { try LedgerSession.open(global) }
    }

    /// Runs `body`, turning library errors into `CLIFailure`s with the documented exit statuses.
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            guard let (kind, message) = FailureKind.classify(error) else { throw error }
            switch kind {
            case .usage: throw CLIFailure(.usage, message)
            case .conflict: throw CLIFailure(.conflict, message)
            case .databaseUnavailable: throw CLIFailure(.databaseUnavailable, message)
            case .other: throw CLIFailure(.failure, message)
            }
        }
    }

    static func date(_ text: String, field: String) throws -> CalendarDay {
        guard let day = CalendarDay(iso: text) else { throw CLIFailure.invalid(field, "must be a date YYYY-MM-DD (got '\(text)')") }
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
        throw CLIFailure.invalid(field, "must be an ISO 8601 instant with a zone (2026-03-02T16:00:00-05:00) or a date YYYY-MM-DD (got '\(text)')")
    }

    static func readCalendar(_ path: String?) throws -> EventCalendar? {
        guard let path else { return nil }
        guard FileManager.default.isReadableFile(atPath: path) else { throw CLIFailure.invalid("--calendar", "cannot read '\(path)'") }
        return try mapped { try EventCalendar(contentsOf: URL(fileURLWithPath: path)) }
    }

    static func json(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
