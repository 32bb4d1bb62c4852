import Foundation
import Projections

/// The headline statistics `alvh summary` shows per portfolio and path (the full set is `alvh stats`):
/// P&L, return on capital-time, CAGR, Sharpe, max drawdown in dollars and percent.
struct SummaryStatistics {
    let lines: [(portfolio: String, path: PerformancePath, statistics: PerformanceStatistics)]

    init(_ performances: [PortfolioPerformance]) {
        lines = performances.flatMap { p in p.paths.map { (p.portfolio, $0.path, PerformanceStatistics.compute($0)) } }
    }

    static let keys = ["total_pnl", "return_on_capital_time", "cagr", "sharpe", "max_drawdown", "max_drawdown_pct"]

    /// `key[portfolio]` (ALVH) or `key[portfolio/fixed]`, with the CSV/JSON text.
    var metrics: [(String, String)] {
        lines.flatMap { line in
            Self.keys.map { key in
                ("\(key)[\(line.portfolio)\(line.path == .alvh ? "" : "/fixed")]", StatsMetrics.metric(key).value(line.statistics).raw)
            }
        }
    }

    /// `{portfolio: {alvh: {key: text}, fixed: …}}`.
    var json: [String: Any] {
        var object: [String: [String: Any]] = [:]
        for line in lines {
            object[line.portfolio, default: [:]][line.path.rawValue] = Dictionary(uniqueKeysWithValues: Self.keys.map {
                ($0, StatsMetrics.metric($0).value(line.statistics).raw)
            })
        }
        return object
    }

    func printTable() {
        guard !lines.isEmpty else { return }
        print("daily series (alvh stats for every figure):")
        ReviewOutput.table(["portfolio", "path"] + Self.keys.map { StatsMetrics.metric($0).label }, lines.map { line in
            [line.portfolio, line.path == .alvh ? "ALVH" : "fixed"] + Self.keys.map { StatsMetrics.metric($0).value(line.statistics).table }
        })
        print("")
    }
}
