import Foundation

/// The final settlement dates of Cboe VIX futures (VX) and of the monthly VIX options, which expire
/// the same day: the Wednesday 30 days before the third Friday of the calendar month after the
/// contract month; when that Friday or that Wednesday is an exchange holiday, the trading day before
/// the Wednesday (e.g. March 2014: Good Friday 2014-04-18 → Tuesday 2014-03-18). Every contract
/// settled since 2005 follows it; two of 2004 (July, October) settled a week earlier.
public enum VXExpiry {
    /// The settlement date of the contract for `month` (1…12) of `year`.
    public static func settlement(year: Int, month: Int, calendar: ExchangeCalendar = .nyse) -> CalendarDay {
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        let friday = thirdFriday(year: next.0, month: next.1)
        let wednesday = friday.adding(days: -30)
        guard calendar.isTradingDay(friday), calendar.isTradingDay(wednesday) else { return calendar.previousTradingDay(before: wednesday) }
        return wednesday
    }

    /// The third Friday of a month.
    public static func thirdFriday(year: Int, month: Int) -> CalendarDay {
        let first = CalendarDay(year: year, month: month, day: 1)!
        return first.adding(days: (5 - first.isoWeekday + 7) % 7 + 14)
    }

    /// The first `count` settlement dates strictly after `day`, ascending: the contracts a daily
    /// settlement file ranks VX1, VX2, … on `day` (a contract leaves the ranks on its settlement day).
    public static func settlements(after day: CalendarDay, count: Int, calendar: ExchangeCalendar = .nyse) -> [CalendarDay] {
        var (year, month) = (day.components.year, day.components.month)
        if month == 1 { year -= 1; month = 12 } else { month -= 1 }
        var dates: [CalendarDay] = []
        while dates.count < count {
            let date = settlement(year: year, month: month, calendar: calendar)
            if date > day { dates.append(date) }
            if month == 12 { year += 1; month = 1 } else { month += 1 }
        }
        return dates
    }
}
