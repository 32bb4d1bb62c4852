import Finance
import Foundation

/// The exchange calendar's rules for a condor's expiry date (`ExchangeCalendar.nyse`): SPX, SPXW
/// and XSP options expire on trading days; a listed expiry that falls on an exchange holiday
/// expires on the trading day before it, and settles at that session's opening (AM) or close (PM,
/// 13:00 New York on an early close).
public enum ExpiryRule {
    static let calendar = ExchangeCalendar.nyse

    /// `expiry` as typed by a person (`--expiry`, or the import's `expiry` column) when it is a
    /// trading day; otherwise a validation error naming `field`, the rule and the nearest trading
    /// days on either side.
    public static func requireTradingDay(_ expiry: CalendarDate, field: String) throws -> CalendarDate {
        let day = expiry.calendarDay
        guard !calendar.isTradingDay(day) else { return expiry }
        let why = day.isWeekday
            ? "an exchange holiday (\(calendar.closure(on: day)?.name ?? "NYSE closed"))"
            : "a \(day.isoWeekday == 6 ? "Saturday" : "Sunday")"
        let before = calendar.previousTradingDay(before: day), after = calendar.nextTradingDay(after: day)
        throw LedgerValidationError(field: field, rule: "\(expiry) is \(why); options expire on exchange trading days: the nearest are \(before) and \(after)")
    }

    /// The date the condor's options actually expire: `expiry`, or the trading day before it when
    /// `expiry` is not a trading day (Good Friday 2022-04-15 → 2022-04-14).
    public static func expiryDay(_ expiry: CalendarDate) -> CalendarDate {
        CalendarDate(calendar.expiryDay(forListed: expiry.calendarDay))
    }

    /// `date` when the exchange trades on it, else the next trading day (for generated expiries).
    public static func tradingDay(onOrAfter date: CalendarDate) -> CalendarDate {
        CalendarDate(calendar.tradingDay(onOrAfter: date.calendarDay))
    }

    /// When an option listed for `expiry` settles: 09:30 New York (AM) or the session's close (PM:
    /// 16:00, 13:00 on an early close) of `expiryDay(expiry)`.
    public static func settlementInstant(_ expiry: CalendarDate, style: SettlementStyle) -> Date {
        calendar.settlementInstant(expiry: expiry.calendarDay, settlement: style == .am ? .amOpening : .pmClose)
    }
}

extension CalendarDate {
    /// The same date as the finance library's day count.
    public var calendarDay: CalendarDay { CalendarDay(year: year, month: month, day: day)! }

    /// The date of a finance-library day.
    public init(_ day: CalendarDay) {
        let (year, month, dayOfMonth) = day.components
        self.init(year: year, month: month, day: dayOfMonth)!
    }
}
