import Foundation
import Ledger

/// Which path a performance series follows: what was recorded (the ALVH decisions), or the fixed
/// risk:reward rule applied to the same condors from their openings.
public enum PerformancePath: String, Sendable, CaseIterable {
    case alvh, fixed
}

/// One session of a portfolio's daily series: a New York date with a mark of the portfolio's feed,
/// valued at that date's last mark. Money in dollars, gains positive.
public struct PerformanceSession: Sendable, Hashable {
    public var date: CalendarDate
    /// The instant of the mark that values the session.
    public var at: Date
    /// Mark-to-market P&L of the day: realized P&L plus the change in unrealized P&L since the
    /// previous session, hedges and fees included.
    public var pnl: Decimal
    /// P&L from the series' first session through this one.
    public var cumulativePnL: Decimal
    /// Capital at risk at the start of the day: each condor's maximum loss from here
    /// (max(0, widest wing − cumulative credit) × multiplier × contracts) and each hedge layer's
    /// premium at risk (its cost basis; a VIX future its margin), as held at the previous session,
    /// or as opened for positions opened since.
    public var capitalAtRisk: Decimal
    /// Calendar days since the previous session (1 for the first): the time the capital was held.
    public var days: Int
    /// Account equity at the start of the day (declared account size + P&L before this session);
    /// nil when the portfolio has no declared account size.
    public var equity: Decimal?
    /// `pnl ÷ equity` with an account size, else `pnl ÷ capitalAtRisk`; 0 for a day with neither
    /// capital nor P&L; nil when the denominator is ≤ 0 but the day has P&L.
    public var dailyReturn: Double?

    public init(date: CalendarDate, at: Date, pnl: Decimal, cumulativePnL: Decimal, capitalAtRisk: Decimal, days: Int, equity: Decimal?,
                dailyReturn: Double?) {
        self.date = date
        self.at = at
        self.pnl = pnl
        self.cumulativePnL = cumulativePnL
        self.capitalAtRisk = capitalAtRisk
        self.days = days
        self.equity = equity
        self.dailyReturn = dailyReturn
    }
}

/// One condor's result on a path: its own P&L (credits less debits, fees included; hedge layers are
/// not allocated), and the New York date it ended (nil while open at the last session).
public struct CondorResult: Sendable, Hashable {
    public var condorID: UUID
    public var endedOn: CalendarDate?
    /// Dollars: realized when ended, else at the last session's mark.
    public var pnl: Decimal

    public init(condorID: UUID, endedOn: CalendarDate?, pnl: Decimal) {
        self.condorID = condorID
        self.endedOn = endedOn
        self.pnl = pnl
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 (proleptic Gregorian).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Calendar days from `self` to `later` (negative when `later` is earlier).
    func days(to later: CalendarDate) -> Int { later.daysSinceEpoch - daysSinceEpoch }
}
