import Foundation

/// The exchange's trading sessions: which New York dates trade, when each session closes, when an
/// SPX-family option expires and settles. Built from `NYSEClosures` (1990–2027); outside those
/// years every weekday counts as a full session (`covers(_:)` says whether a date is in the table).
///
/// Times are New York wall-clock times (America/New_York, EST/EDT as the date requires).
public struct ExchangeCalendar: Sendable {
    /// A day the exchange does not trade on, or closes early.
    public struct Closure: Sendable, Hashable {
        /// What the day is, e.g. "Good Friday", "day after Thanksgiving".
        public var name: String
        /// The session's closing time for an early close; nil for a full-day closure.
        public var earlyClose: ExchangeTime?
    }

    /// The years the closure table covers.
    public static let coveredYears: ClosedRange<Int> = 1990...2027
    /// The regular opening time, 09:30 New York (the AM settlement's opening quotation).
    public static let regularOpen = ExchangeTime(hour: 9, minute: 30)
    /// The regular closing time, 16:00 New York.
    public static let regularClose = ExchangeTime(hour: 16, minute: 0)

    /// The New York Stock Exchange (SPX, SPXW and XSP follow it).
    public static let nyse = ExchangeCalendar(full: NYSEClosures.full, early: NYSEClosures.early)

    private let closures: [Int: Closure]

    init(full: [Int: [(String, String)]], early: [Int: [(String, Int, String)]]) {
        var closures: [Int: Closure] = [:]
        for (year, days) in full {
            for (monthDay, name) in days {
                closures[Self.day(year, monthDay).daysSinceEpoch] = Closure(name: name, earlyClose: nil)
            }
        }
        for (year, days) in early {
            for (monthDay, hour, name) in days {
                closures[Self.day(year, monthDay).daysSinceEpoch] = Closure(name: name, earlyClose: ExchangeTime(hour: hour, minute: 0))
            }
        }
        self.closures = closures
    }

    private static func day(_ year: Int, _ monthDay: String) -> CalendarDay {
        guard let day = CalendarDay(iso: "\(year)-\(monthDay)") else { preconditionFailure("bad closure date \(year)-\(monthDay)") }
        return day
    }

    /// Whether `day`'s year is in the closure table (outside it only weekends are closed).
    public func covers(_ day: CalendarDay) -> Bool { Self.coveredYears.contains(day.components.year) }

    /// The full-day closure or early close on `day`, if any (weekends are not listed).
    public func closure(on day: CalendarDay) -> Closure? { closures[day.daysSinceEpoch] }

    /// A weekday that is not a full-day closure.
    public func isTradingDay(_ day: CalendarDay) -> Bool {
        guard day.isWeekday else { return false }
        guard let closure = closures[day.daysSinceEpoch] else { return true }
        return closure.earlyClose != nil
    }

    /// Whether `day` is a trading day that closes before 16:00.
    public func isEarlyClose(_ day: CalendarDay) -> Bool { isTradingDay(day) && closures[day.daysSinceEpoch]?.earlyClose != nil }

    /// The first trading day after `day`.
    public func nextTradingDay(after day: CalendarDay) -> CalendarDay { tradingDay(onOrAfter: day.adding(days: 1)) }

    /// The last trading day before `day`.
    public func previousTradingDay(before day: CalendarDay) -> CalendarDay { tradingDay(onOrBefore: day.adding(days: -1)) }

    /// `day` when it trades, else the next trading day.
    public func tradingDay(onOrAfter day: CalendarDay) -> CalendarDay {
        var day = day
        while !isTradingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// `day` when it trades, else the last trading day before it.
    public func tradingDay(onOrBefore day: CalendarDay) -> CalendarDay {
        var day = day
        while !isTradingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// When the session of `day` closes (16:00, or 13:00 on an early close; 14:00 before 1993);
    /// nil when `day` does not trade.
    public func sessionClose(on day: CalendarDay) -> ExchangeTime? {
        guard isTradingDay(day) else { return nil }
        return closures[day.daysSinceEpoch]?.earlyClose ?? Self.regularClose
    }

    /// The day an SPX-family option listed for `expiry` actually expires: `expiry` itself when it
    /// trades, else the previous trading day (an expiry on an exchange holiday moves back, e.g. Good
    /// Friday 2022-04-15 → Thursday 2022-04-14; a weekend date moves to the Friday).
    public func expiryDay(forListed expiry: CalendarDay) -> CalendarDay { tradingDay(onOrBefore: expiry) }

    /// The instant an option listed for `expiry` settles: PM settlement at the close of the
    /// expiry day's session (13:00 New York on an early close), AM settlement at its 09:30 opening.
    /// The expiry is first moved by `expiryDay(forListed:)`.
    public func settlementInstant(expiry: CalendarDay, settlement: OptionSettlement) -> Date {
        let day = expiryDay(forListed: expiry)
        let time = settlement == .amOpening ? Self.regularOpen : (sessionClose(on: day) ?? Self.regularClose)
        return time.instant(on: day)
    }

    /// The instant the session of `day` closes (nil when it does not trade).
    public func closeInstant(on day: CalendarDay) -> Date? { sessionClose(on: day).map { $0.instant(on: day) } }
}
