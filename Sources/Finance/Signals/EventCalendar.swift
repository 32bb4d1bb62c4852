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

    /// Parses CSV text. Blank lines are skipped.
    /// - Throws: `FinanceError.invalidInput` naming the line and column at fault.
    public init(csv text: String, defaultKind: MacroEventKind? = nil) throws {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated().map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .filter { !$0.text.isEmpty }
        guard !lines.isEmpty else { throw FinanceError.invalidInput(field: "csv", rule: "is empty: a header with a date column is required") }
        let header = lines.removeFirst().text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let dateColumn = header.firstIndex(of: "date") else {
            throw FinanceError.invalidInput(field: "csv header", rule: "needs a `date` column")
        }
        let kindColumn = header.firstIndex(of: "type") ?? header.firstIndex(of: "event")
        guard kindColumn != nil || defaultKind != nil else {
            throw FinanceError.invalidInput(field: "csv header", rule: "needs a `type` or `event` column (or a default kind)")
        }
        let timeColumn = header.firstIndex(of: "time_et")
        var events: [MacroEvent] = []
        events.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.text.split(separator: ",", omittingEmptySubsequences: false)
            guard dateColumn < fields.count, let date = CalendarDay(iso: fields[dateColumn].trimmingCharacters(in: .whitespaces)) else {
                throw FinanceError.invalidInput(field: "line \(line.number): date", rule: "must be a date YYYY-MM-DD")
            }
            var kind = defaultKind
            if let kindColumn, kindColumn < fields.count, !fields[kindColumn].trimmingCharacters(in: .whitespaces).isEmpty {
                kind = MacroEventKind(label: fields[kindColumn])
            }
            guard let kind else {
                throw FinanceError.invalidInput(field: "line \(line.number): type", rule: "must name the event kind")
            }
            var time: String?
            if let timeColumn, timeColumn < fields.count {
                let text = fields[timeColumn].trimmingCharacters(in: .whitespaces)
                time = text.isEmpty ? nil : text
            }
            events.append(MacroEvent(date: date, kind: kind, timeET: time))
        }
        self.init(events: events)
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
