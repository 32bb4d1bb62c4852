import Finance
import Foundation
import Ledger
import Projections

/// The figures `alvh stats` prints for one statistics, each with its CSV/JSON key and table label,
/// as text: money to cents, rates as percentages in tables and fractions in CSV/JSON, `none` for a
/// ratio without a denominator.
enum StatsMetrics {
    struct Metric: Sendable {
        let key: String
        let label: String
        /// The table's text and the CSV/JSON text.
        let value: @Sendable (PerformanceStatistics) -> (table: String, raw: String)
    }

    static let none = "none"

    static func ratio(_ value: Double?, digits: Int = 2) -> (String, String) {
        guard let value, value.isFinite else { return (none, none) }
        return (String(format: "%.\(digits)f", value), String(value))
    }

    static func percent(_ value: Double?) -> (String, String) {
        guard let value, value.isFinite else { return (none, none) }
        return (String(format: "%.2f%%", value * 100), String(value))
    }

    static func money(_ value: Decimal?) -> (String, String) {
        guard let value else { return (none, none) }
        let text = ReviewOutput.money(value)
        return (text, text)
    }

    static func date(_ value: CalendarDate?) -> (String, String) {
        guard let value else { return ("", "") }
        return (value.description, value.description)
    }

    static let all: [Metric] = [
        Metric(key: "first_session", label: "first session") { date($0.first) },
        Metric(key: "last_session", label: "last session") { date($0.last) },
        Metric(key: "sessions", label: "sessions") { (String($0.sessions), String($0.sessions)) },
        Metric(key: "total_pnl", label: "total P&L") { money($0.totalPnL) },
        Metric(key: "capital_days", label: "capital-days (dollar-days)") { money($0.capitalDays) },
        Metric(key: "return_on_capital_time", label: "return on capital-time (annual)") { percent($0.returnOnCapitalTime) },
        Metric(key: "cagr", label: "CAGR of daily returns") { percent($0.returns.annualReturn) },
        Metric(key: "annual_volatility", label: "annual volatility") { percent($0.returns.annualVolatility) },
        Metric(key: "sharpe", label: "Sharpe") { ratio($0.returns.sharpe) },
        Metric(key: "sortino", label: "Sortino") { ratio($0.returns.sortino) },
        Metric(key: "max_drawdown", label: "max drawdown") { money($0.drawdown?.depth ?? 0) },
        Metric(key: "max_drawdown_peak", label: "max drawdown: peak") { date($0.drawdown?.peak) },
        Metric(key: "max_drawdown_trough", label: "max drawdown: trough") { date($0.drawdown?.trough) },
        Metric(key: "max_drawdown_recovered", label: "max drawdown: recovered") { s in s.drawdown == nil ? ("", "") : date(s.drawdown?.recovered).0.isEmpty ? ("not yet", "") : date(s.drawdown?.recovered) },
        Metric(key: "max_drawdown_pct", label: "max drawdown %") { percent($0.returns.maxDrawdown) },
        Metric(key: "max_drawdown_pct_peak", label: "max drawdown %: peak") { date($0.percentDrawdown?.peak) },
        Metric(key: "max_drawdown_pct_trough", label: "max drawdown %: trough") { date($0.percentDrawdown?.trough) },
        Metric(key: "longest_drawdown_days", label: "longest drawdown (days)") { s in
            let days = String(s.longestDrawdown?.days ?? 0)
            return (days, days)
        },
        Metric(key: "longest_drawdown_from", label: "longest drawdown: from") { date($0.longestDrawdown?.from) },
        Metric(key: "longest_drawdown_to", label: "longest drawdown: to") { date($0.longestDrawdown?.to) },
        Metric(key: "calmar", label: "Calmar") { ratio($0.returns.calmar) },
        Metric(key: "condors_ended", label: "condors ended") { (String($0.condors.count), String($0.condors.count)) },
        Metric(key: "win_rate", label: "win rate") { percent($0.condors.winRate) },
        Metric(key: "profit_factor", label: "profit factor") { ratio($0.condors.profitFactor) },
        Metric(key: "expectancy", label: "expectancy per condor") { money($0.condors.expectancy) },
        Metric(key: "average_win", label: "average win") { money($0.condors.averageWin) },
        Metric(key: "average_loss", label: "average loss") { money($0.condors.averageLoss) },
        Metric(key: "worst_condor", label: "worst condor") { s in
            guard let worst = s.condors.worst else { return (none, none) }
            return ("\(ReviewOutput.shortID(worst.condorID)) \(ReviewOutput.money(worst.pnl))", ReviewOutput.id(worst.condorID))
        },
        Metric(key: "worst_condor_pnl", label: "worst condor P&L") { money($0.condors.worst?.pnl) },
    ]

    /// The per-year table's columns (a few headline figures).
    static let perYear: [String] = ["total_pnl", "return_on_capital_time", "cagr", "sharpe", "max_drawdown", "max_drawdown_pct", "win_rate"]

    static func metric(_ key: String) -> Metric { all.first { $0.key == key }! }
}
