import Foundation
import Ledger
import Projections

/// How `alvh stats` prints: per portfolio, the statistics over the range (or per year) with one
/// column per path (ALVH, fixed).
struct StatsOutput {
    let range: (from: CalendarDate?, to: CalendarDate?)
    let byYear: Bool
    /// The fixed path's rule.
    let rule: FixedRule

    /// The periods of one series: the range, or each calendar year with a session in it.
    func periods(_ series: PerformanceSeries) -> [(label: String, statistics: PerformanceStatistics)] {
        guard byYear else { return [("range", PerformanceStatistics.compute(series, from: range.from, to: range.to))] }
        return PerformanceStatistics.byYear(series).compactMap { year, _ in
            let first = max(CalendarDate(year: year, month: 1, day: 1)!, range.from ?? .init(year: 1900, month: 1, day: 1)!)
            let last = min(CalendarDate(year: year, month: 12, day: 31)!, range.to ?? .init(year: 2999, month: 12, day: 31)!)
            guard first <= last else { return nil }
            return (String(year), PerformanceStatistics.compute(series, from: first, to: last))
        }
    }

    func basis(_ performance: PortfolioPerformance) -> String {
        performance.alvh.accountSize.map { "returns on account equity (account size \(ReviewOutput.money($0)))" } ?? "returns on capital at risk"
    }

    func header(_ performance: PortfolioPerformance) -> [String] {
        performance.paths.map { $0.path == .alvh ? "ALVH (recorded)" : "fixed rule" }
    }

    static let tableSkips: Set<String> = ["worst_condor_pnl", "capital_days"]

    func table(_ performances: [PortfolioPerformance]) {
        for (index, performance) in performances.enumerated() {
            if index > 0 { print("") }
            let scope = [range.from.map { "from \($0)" }, range.to.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
            print("portfolio \(performance.portfolio)\(scope.isEmpty ? "" : " " + scope): \(basis(performance))")
            if performance.fixed != nil { print("fixed rule: the same condors from their openings, \(rule.description), no hedges") }
            byYear ? yearTable(performance) : rangeTable(performance)
        }
        if performances.isEmpty { print("no portfolios") }
    }

    func rangeTable(_ performance: PortfolioPerformance) {
        let statistics = performance.paths.map { periods($0)[0].statistics }
        let rows = StatsMetrics.all.filter { !Self.tableSkips.contains($0.key) }.map { metric in
            [metric.label] + statistics.map { metric.value($0).table }
        }
        ReviewOutput.table(["metric"] + header(performance), rows)
    }

    func yearTable(_ performance: PortfolioPerformance) {
        let byPath = performance.paths.map(periods)
        let metrics = StatsMetrics.perYear.map(StatsMetrics.metric)
        let columns = metrics.flatMap { metric in performance.paths.map { "\(metric.label) \($0.path == .alvh ? "ALVH" : "fixed")" } }
        let rows = byPath[0].indices.map { row in
            [byPath[0][row].label] + metrics.flatMap { metric in byPath.map { $0.indices.contains(row) ? metric.value($0[row].statistics).table : "" } }
        }
        ReviewOutput.table(["year"] + columns, rows)
    }

    func csv(_ performances: [PortfolioPerformance]) {
        let header = ["portfolio", "period", "path", "returns_on"] + StatsMetrics.all.map(\.key)
        var rows: [[String]] = []
        for performance in performances {
            for series in performance.paths {
                for period in periods(series) {
                    rows.append([performance.portfolio, period.label, series.path.rawValue, series.accountSize == nil ? "capital_at_risk" : "equity"]
                                + StatsMetrics.all.map { $0.value(period.statistics).raw })
                }
            }
        }
        ReviewOutput.csv(header, rows)
    }

    func json(_ performances: [PortfolioPerformance]) throws {
        let portfolios: [[String: Any]] = performances.map { performance in
            var object: [String: Any] = ["portfolio": performance.portfolio,
                                         "account_size": ReviewOutput.jsonMoney(performance.alvh.accountSize)]
            for series in performance.paths {
                object[series.path.rawValue] = periods(series).map { period -> [String: Any] in
                    var figures: [String: Any] = ["period": period.label]
                    for metric in StatsMetrics.all { figures[metric.key] = metric.value(period.statistics).raw }
                    return figures
                }
            }
            if performance.fixed != nil { object["fixed_rule"] = rule.description }
            return object
        }
        try ReviewOutput.json(["from": range.from?.description ?? NSNull(), "to": range.to?.description ?? NSNull(),
                               "by": byYear ? "year" : NSNull(), "portfolios": portfolios])
    }
}
