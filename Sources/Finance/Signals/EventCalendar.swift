import CSVFile
import Foundation

/// A calendar of macro releases (FOMC, CPI, PPI, …) that answers "what is next, and how soon".
///
/// CSV input is read leniently: a header row is required with a `date` column (`YYYY-MM-DD`) and a
/// kind in a `type` or `event` column (labels as `MacroEventKind(label:)`); a `time_et` column is
/// kept when present; other columns are ignored. A file without a kind column (e.g. a list of CPI
/// dates) needs `defaultKind`.
///
/// Sessions are counted as weekdays (Monday–Friday) minus the `holidays` given; the library has
/// no exchange holiday calendar of its own.
public struct EventCalendar: Sendable {
    /// Every event, sorted by date.
    public private(set) var events: [MacroEvent]

    public init(events: [MacroEvent]) {
        self.events = events.sorted { $0.date < $1.date }
    }

    /// Parses CSV text with the tool's CSV reader (`CSVFile`: quoted fields, CRLF, a BOM). Blank
    /// lines are skipped.
    /// - Throws: `FinanceError.invalidInput` naming the line and column at fault.
    public init(csv text: String, defaultKind: MacroEventKind? = nil) throws {
        let records: [CSVFile.Record]
        do {
            records = try CSVFile.records(Data(text.utf8)).filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
        } catch let malformed as CSVFile.Malformed {
            throw FinanceError.invalidInput(field: "line \(malformed.line), column \(malformed.column)", rule: malformed.message)
        }
        guard let headerRecord = records.first else { throw FinanceError.invalidInput(field: "csv", rule: "is empty: a header with a date column is required") }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let dateColumn = header.firstIndex(of: "date") else {
            throw FinanceError.invalidInput(field: "csv header", rule: "needs a `date` column")
        }
        let kindColumn = header.firstIndex(of: "type") ?? header.firstIndex(of: "event")
        guard kindColumn != nil || defaultKind != nil else {
            throw FinanceError.invalidInput(field: "csv header", rule: "needs a `type` or `event` column (or a default kind)")
        }
        let timeColumn = header.firstIndex(of: "time_et")
        var events: [MacroEvent] = []
        events.reserveCapacity(records.count)
        for record in records.dropFirst() {
            events.append(try Self.event(record, dateColumn: dateColumn, kindColumn: kindColumn, timeColumn: timeColumn, defaultKind: defaultKind))
        }
        self.init(events: events)
    }

    /// One record's event; errors name its line and column.
    private static func event(_ record: CSVFile.Record, dateColumn: Int, kindColumn: Int?, timeColumn: Int?,
                              defaultKind: MacroEventKind?) throws -> MacroEvent {
        let fields = record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard dateColumn < fields.count, let date = CalendarDay(iso: fields[dateColumn].trimmingCharacters(in: .whitespaces)) else {
            throw FinanceError.invalidInput(field: "line \(record.line): date", rule: "must be a date YYYY-MM-DD")
        }
        var kind = defaultKind
        if let kindColumn, kindColumn < fields.count, !fields[kindColumn].trimmingCharacters(in: .whitespaces).isEmpty {
            kind = MacroEventKind(label: fields[kindColumn])
        }
        guard let kind else {
            throw FinanceError.invalidInput(field: "line \(record.line): type", rule: "must name the event kind")
        }
        var time: String?
        if let timeColumn, timeColumn < fields.count {
            let text = fields[timeColumn].trimmingCharacters(in: .whitespaces)
            time = text.isEmpty ? nil : text
        }
        return MacroEvent(date: date, kind: kind, timeET: time)
    }

    /// Reads and parses a CSV file.
    public init(contentsOf url: URL, defaultKind: MacroEventKind? = nil) throws {
        try self.init(csv: String(contentsOf: url, encoding: .utf8), defaultKind: defaultKind)
    }

    /// This calendar and `other` together.
    public func merged(with other: EventCalendar) -> EventCalendar {
        EventCalendar(events: events + other.events)
    }

    /// The first event of one of `kinds` on or after `date` (an event on `date` itself counts).
    public func next(onOrAfter date: CalendarDay, kinds: Set<MacroEventKind> = MacroEventKind.watched) -> MacroEvent? {
        // Binary search for the first event on or after `date`, then the first matching kind.
        var low = 0, high = events.count
        while low < high {
            let mid = (low + high) / 2
            if events[mid].date < date { low = mid + 1 } else { high = mid }
        }
        return events[low...].first { kinds.contains($0.kind) }
    }

    /// Calendar days from `date` to the next matching event (0 when it is on `date`), nil if none.
    public func daysUntilNext(from date: CalendarDay, kinds: Set<MacroEventKind> = MacroEventKind.watched) -> Int? {
        next(onOrAfter: date, kinds: kinds).map { $0.date.daysSinceEpoch - date.daysSinceEpoch }
    }

    /// Trading sessions from `date` to the next matching event: the number of weekdays d, not in
    /// `holidays`, with date < d ≤ event date (0 when the event is on `date`; 1 when it is the next
    /// session). nil if there is no such event.
    public func sessionsUntilNext(from date: CalendarDay, kinds: Set<MacroEventKind> = MacroEventKind.watched,
                                  holidays: Set<CalendarDay> = []) -> Int? {
        guard let event = next(onOrAfter: date, kinds: kinds) else { return nil }
        return EventCalendar.sessions(after: date, through: event.date, holidays: holidays)
    }

    /// Weekdays d not in `holidays` with start < d ≤ end.
    public static func sessions(after start: CalendarDay, through end: CalendarDay, holidays: Set<CalendarDay> = []) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if day.isWeekday, !holidays.contains(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
