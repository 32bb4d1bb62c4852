import Finance
import Foundation
import Ledger

/// Statistics of a performance series over a date range (docs/design.md, "Performance"). Money in
/// dollars; rates as fractions; a ratio without a denominator is nil (printed `none`).
public struct PerformanceStatistics: Sendable, Hashable {
    /// The first and last session in the range (nil when it holds none).
    public var first: CalendarDate?
    public var last: CalendarDate?
    public var sessions: Int
    public var totalPnL: Decimal
    /// Σ capital at risk × calendar days held (dollar-days).
    public var capitalDays: Decimal
    /// Annualized return on capital-time: P&L ÷ capital-days × 365; nil when no capital was at risk.
    public var returnOnCapitalTime: Double?
    /// Of the daily returns (empyrical's conventions, 252 a year): `annualReturn` is the CAGR of the
    /// chained returns; volatility, Sharpe, Sortino (risk-free 0), `maxDrawdown` (a fraction ≤ 0), Calmar.
    public var returns: ReturnStatistics
    /// The deepest fall of cumulative P&L in dollars (depth ≤ 0); nil when it never fell.
    public var drawdown: Drawdown<Decimal>?
    /// The deepest fall of the compounded daily returns (depth = `returns.maxDrawdown`), with dates.
    public var percentDrawdown: Drawdown<Double>?
    /// The longest spell of cumulative P&L below its peak.
    public var longestDrawdown: LongestDrawdown?
    /// The condors that ended in the range.
    public var condors: CondorTally

    /// Over the sessions dated `from ... to` (either open-ended); P&L and drawdowns count from the
    /// range's first session.
    public static func compute(_ series: PerformanceSeries, from: CalendarDate? = nil, to: CalendarDate? = nil) -> PerformanceStatistics {
        let inRange = { (date: CalendarDate) in (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true) }
        let sessions = series.sessions.filter { inRange($0.date) }
        let ended = series.condors.filter { $0.endedOn.map(inRange) ?? false }
        return PerformanceStatistics(sessions: sessions, condors: ended)
    }

    /// One line per calendar year with a session.
    public static func byYear(_ series: PerformanceSeries) -> [(year: Int, statistics: PerformanceStatistics)] {
        let years = Set(series.sessions.map(\.date.year)).sorted()
        return years.map { year in
            (year, compute(series, from: CalendarDate(year: year, month: 1, day: 1), to: CalendarDate(year: year, month: 12, day: 31)))
        }
    }

    init(sessions: [PerformanceSession], condors: [CondorResult]) {
        first = sessions.first?.date
        last = sessions.last?.date
        self.sessions = sessions.count
        totalPnL = sessions.reduce(0) { $0 + $1.pnl }
        capitalDays = sessions.reduce(0) { $0 + $1.capitalAtRisk * Decimal($1.days) }
        returnOnCapitalTime = capitalDays > 0 ? NSDecimalNumber(decimal: totalPnL / capitalDays * 365).doubleValue : nil
        let returns = sessions.compactMap { s in s.dailyReturn.map { (s.date, $0) } }
        self.returns = ReturnStatistics(returns: returns.map(\.1))
        self.condors = CondorTally(condors)
        guard let start = sessions.first?.date else { return }
        var running = Decimal(0)
        let curve = sessions.map { s -> (CalendarDate, Decimal) in
            running += s.pnl
            return (s.date, running)
        }
        drawdown = DrawdownScan.deepest(curve, start: 0, startDate: start, depth: { $0 - $1 }, zero: 0)
        longestDrawdown = DrawdownScan.longest(curve, start: 0, startDate: start)
        var wealth = 1.0
        let wealthCurve = returns.map { date, r -> (CalendarDate, Double) in
            wealth *= 1 + r
            return (date, wealth)
        }
        percentDrawdown = DrawdownScan.deepest(wealthCurve, start: 1, startDate: start, depth: { $0 / $1 - 1 }, zero: 0)
    }
}
