import Finance
import Foundation

/// What one backtest run (a candidate on one window) earned, in the units the objective and the
/// stitching need. Money in dollars; returns as fractions per session.
public struct StudyFigures: Sendable, Hashable, Codable {
    /// Session dates (ISO), ascending.
    public var dates: [String] = []
    /// P&L of each session, dollars (realized + change in value; hedges and fees in).
    public var dailyPnL: [Double] = []
    /// Each session's P&L ÷ its start-of-day capital at risk (0 for an idle session).
    public var dailyReturns: [Double] = []
    /// Total P&L, dollars.
    public var pnl: Decimal = 0
    /// Σ capital at risk × calendar days, dollar-days.
    public var capitalDays: Double = 0
    /// Condors opened.
    public var condors = 0

    public init() {}

    /// P&L ÷ capital-time × 365: the annualized return on the capital the positions tied up.
    public var returnOnCapitalTime: Double? {
        capitalDays > 0 ? NSDecimalNumber(decimal: pnl).doubleValue / capitalDays * 365 : nil
    }

    /// Sharpe, Calmar, drawdown … of the daily returns (252 a year, empyrical's conventions).
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
