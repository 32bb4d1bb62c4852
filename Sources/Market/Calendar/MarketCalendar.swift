import Finance
import Foundation
import Ledger

/// The calendar decisions the model, the fixed rule and the backtest make, each in one place so
/// they can follow an exchange calendar (holidays, early closes) without touching their callers:
/// which date an SPX condor expires on, which date a VIX option expires on, when a session closes,
/// when an expiry settles, and how many calendar days are left.
public enum MarketCalendar {
    /// The expiry of an SPX/SPXW condor sold to expire at least on `date`: the first Friday on or
    /// after it (exchange holidays are not known here yet).
    public static func spxExpiry(onOrAfter date: CalendarDate) -> CalendarDate {
        var day = date.calendarDay
        while day.isoWeekday != 5 { day = day.adding(days: 1) }
        return CalendarDate(calendarDay: day)
    }

    /// The expiry of a VIX option bought to run about until `date`: the Wednesday on or before it.
    public static func vixOptionExpiry(onOrBefore date: CalendarDate) -> CalendarDate {
        var day = date.calendarDay
        while day.isoWeekday != 3 { day = day.adding(days: -1) }
        return CalendarDate(calendarDay: day)
    }

    /// The close of the session on `date`: 16:00 New York.
    public static func closeInstant(_ date: CalendarDate) -> Date {
        settlementInstant(date, style: .pm)
    }

    /// When options of `expiry` settle: 16:00 New York (PM) or 09:30 (AM) on the expiry date.
    public static func settlementInstant(_ expiry: CalendarDate, style: SettlementStyle) -> Date {
        SettlementInstants.shared.instant(expiry, style: style)
    }

    /// Calendar days from the New York date `date` to `expiry` (0 on the expiry date).
    public static func daysToExpiry(_ expiry: CalendarDate, from date: CalendarDate) -> Int {
        expiry.calendarDay.daysSinceEpoch - date.calendarDay.daysSinceEpoch
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

extension CalendarDate {
    /// The same date as the finance library's day count.
    public var calendarDay: CalendarDay { CalendarDay(year: year, month: month, day: day)! }

    /// The date of a finance-library day.
    public init(calendarDay: CalendarDay) {
        let c = calendarDay.components
        self.init(year: c.year, month: c.month, day: c.day)!
    }
}
