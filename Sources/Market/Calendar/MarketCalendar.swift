import Finance
import Foundation
import Ledger

/// The calendar decisions the model, the fixed rule and the backtest make, each in one place and
/// each following the exchange calendar (`Finance.ExchangeCalendar.nyse`: NYSE holidays and early
/// closes, through `ExpiryRule` for expiries): which sessions trade, which date an SPX condor or a
/// VIX option expires on, when a session closes, when an expiry settles, and how many calendar
/// days are left.
public enum MarketCalendar {
    static let exchange = ExchangeCalendar.nyse

    /// Whether the exchange trades on `date` (a weekday that is not a full-day closure; outside the
    /// closure table's years every weekday does).
    public static func isSession(_ date: CalendarDay) -> Bool { exchange.isTradingDay(date) }

    /// The expiry of an SPX/SPXW condor sold to expire at least on `date`: the first Friday on or
    /// after it, moved to the trading day before when that Friday is an exchange holiday (Good
    /// Friday 2022-04-15 → Thursday 2022-04-14, as listed), so it is always a trading day.
    public static func spxExpiry(onOrAfter date: CalendarDate) -> CalendarDate {
        var day = date.calendarDay
        while day.isoWeekday != 5 { day = day.adding(days: 1) }
        return ExpiryRule.expiryDay(CalendarDate(day))
    }

    /// The expiry of a VIX option bought to run about until `date`: the Wednesday on or before it,
    /// or the trading day before that Wednesday when it is an exchange holiday.
    public static func vixOptionExpiry(onOrBefore date: CalendarDate) -> CalendarDate {
        var day = date.calendarDay
        while day.isoWeekday != 3 { day = day.adding(days: -1) }
        return ExpiryRule.expiryDay(CalendarDate(day))
    }

    /// The close of the session on `date`: 16:00 New York, 13:00 on an early close (the exchange
    /// calendar's session close; 16:00 for a date it does not trade on).
    public static func closeInstant(_ date: CalendarDate) -> Date {
        exchange.closeInstant(on: date.calendarDay) ?? ExchangeCalendar.regularClose.instant(on: date.calendarDay)
    }

    /// When options of `expiry` settle (`LedgerDecider.settlementInstant`: 09:30 New York for AM
    /// settlement, the session's close for PM, on the expiry's trading day).
    public static func settlementInstant(_ expiry: CalendarDate, style: SettlementStyle) -> Date {
        SettlementInstants.shared.instant(expiry, style: style)
    }

    /// Calendar days from the New York date `date` to `expiry` (0 on the expiry date).
    public static func daysToExpiry(_ expiry: CalendarDate, from date: CalendarDate) -> Int {
        expiry.calendarDay.daysSinceEpoch - date.calendarDay.daysSinceEpoch
    }

    /// `date` moved by `days` calendar days.
    public static func adding(days: Int, to date: CalendarDate) -> CalendarDate {
        CalendarDate(date.calendarDay.adding(days: days))
    }
}

/// `LedgerDecider.settlementInstant` remembered per expiry: the calendar arithmetic behind it costs
/// more than a whole condor valuation, and paths ask for the same few expiries thousands of times.
final class SettlementInstants: @unchecked Sendable {
    static let shared = SettlementInstants()
    private let lock = NSLock()
    private var known: [Key: Date] = [:]

    struct Key: Hashable {
        var expiry: CalendarDate
        var style: SettlementStyle
    }

    func instant(_ expiry: CalendarDate, style: SettlementStyle) -> Date {
        let key = Key(expiry: expiry, style: style)
        lock.lock()
        defer { lock.unlock() }
        if let date = known[key] { return date }
        let date = LedgerDecider.settlementInstant(expiry, style: style)
        known[key] = date
        return date
    }
}
