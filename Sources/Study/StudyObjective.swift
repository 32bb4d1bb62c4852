import Foundation

/// What ranks candidates in sample (higher is better; a candidate without a figure ranks last).
public enum StudyObjective: String, Sendable, Hashable, Codable, CaseIterable {
    /// P&L ÷ (Σ capital at risk × days) × 365 (the default).
    case returnOnCapitalTime = "return-on-capital-time"
    /// Annualized Sharpe ratio of the daily returns on capital at risk.
    case sharpe
    /// CAGR of the daily returns ÷ |max drawdown|.
    case calmar
    /// Total P&L, dollars.
    case pnl

    public func score(_ figures: StudyFigures) -> Double? {
        switch self {
        case .returnOnCapitalTime: figures.returnOnCapitalTime
        case .sharpe: figures.statistics.sharpe
        case .calmar: figures.statistics.calmar
        case .pnl: NSDecimalNumber(decimal: figures.pnl).doubleValue
        }
    }
}
