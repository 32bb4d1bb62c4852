import Finance
import Foundation
import Projections

/// What one backtest run (a candidate on one window) earned: its performance series
/// (`Projections.PerformanceSeries`, the recorded path, the figures `alvh stats` prints for the
/// same run) reduced to what the objective and the stitching need. Money in dollars; returns as
/// fractions per session.
public struct StudyFigures: Sendable, Hashable, Codable {
    /// Session dates (ISO), ascending.
    public var dates: [String] = []
    /// Mark-to-market P&L of each session, dollars (realized + change in unrealized; hedges and fees in).
    public var dailyPnL: [Double] = []
    /// The sessions' returns (P&L ÷ start-of-day capital at risk, or equity with an account size),
    /// without the sessions that have none (P&L on no capital) — what `PerformanceStatistics` uses.
    public var dailyReturns: [Double] = []
    /// Total P&L, dollars.
    public var pnl: Decimal = 0
    /// Σ capital at risk × calendar days, dollar-days.
    public var capitalDays: Decimal = 0
    /// Condors opened.
    public var condors = 0

    public init() {}

    /// The figures of `series` (every session of it).
    public init(_ series: PerformanceSeries) {
        for session in series.sessions {
            dates.append(session.date.description)
            dailyPnL.append(NSDecimalNumber(decimal: session.pnl).doubleValue)
            if let r = session.dailyReturn { dailyReturns.append(r) }
            pnl += session.pnl
            capitalDays += session.capitalAtRisk * Decimal(session.days)
        }
        condors = series.condors.count
    }

    /// P&L ÷ capital-time × 365: the annualized return on the capital the positions tied up
    /// (`PerformanceStatistics.returnOnCapitalTime`).
    public var returnOnCapitalTime: Double? {
        capitalDays > 0 ? NSDecimalNumber(decimal: pnl / capitalDays * 365).doubleValue : nil
    }

    /// Sharpe, Calmar, drawdown … of the daily returns (252 a year; `PerformanceStatistics.returns`).
    public var statistics: ReturnStatistics { ReturnStatistics(returns: dailyReturns) }

    /// Per-session (not annualized) Sharpe ratio, the deflated Sharpe ratio's input; nil without variance.
    public var periodSharpe: Double? {
        guard let m = ReturnMoments(dailyReturns), m.deviation > 0 else { return nil }
        return m.mean / m.deviation
    }

    /// Consecutive runs joined end to end (the out-of-sample windows in order).
    public static func stitched(_ parts: [StudyFigures]) -> StudyFigures {
        var joined = StudyFigures()
        for part in parts {
            joined.dates += part.dates
            joined.dailyPnL += part.dailyPnL
            joined.dailyReturns += part.dailyReturns
            joined.pnl += part.pnl
            joined.capitalDays += part.capitalDays
            joined.condors += part.condors
        }
        return joined
    }
}
