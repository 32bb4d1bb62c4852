import Foundation
import Ledger
import Projections

/// `PerformanceView`s from the portfolios' series (pure), limited to the report's date range.
enum PerformanceViewBuilder {
    static func views(_ performances: [PortfolioPerformance], scope: ReportScope) -> [PerformanceView] {
        performances.map { view($0, scope: scope) }
    }

    static func view(_ performance: PortfolioPerformance, scope: ReportScope) -> PerformanceView {
        let alvh = performance.alvh.sessions.filter { scope.contains(date: $0.date) }
        let fixed = performance.fixed.map { series in Dictionary(uniqueKeysWithValues: series.sessions.filter { scope.contains(date: $0.date) }.map { ($0.date, $0) }) }
        var alvhTotal = Decimal(0), alvhPeak = Decimal(0), fixedTotal = Decimal(0), fixedPeak = Decimal(0)
        let points = alvh.map { session -> PerformanceView.Point in
            alvhTotal += session.pnl
            alvhPeak = max(alvhPeak, alvhTotal)
            var point = PerformanceView.Point(date: session.date, alvh: alvhTotal, fixed: nil, alvhDrawdown: alvhTotal - alvhPeak, fixedDrawdown: nil)
            if let other = fixed?[session.date] {
                fixedTotal += other.pnl
                fixedPeak = max(fixedPeak, fixedTotal)
                point.fixed = fixedTotal
                point.fixedDrawdown = fixedTotal - fixedPeak
            }
            return point
        }
        let fixedYears = performance.fixed.map { Dictionary(uniqueKeysWithValues: PerformanceStatistics.byYear($0).map { ($0.year, $0.statistics) }) }
        let years = PerformanceStatistics.byYear(performance.alvh).filter { year, _ in
            scope.from.map { $0.year <= year } ?? true && scope.to.map { $0.year >= year } ?? true
        }.map { year, a -> PerformanceView.Year in
            let f = fixedYears?[year]
            return PerformanceView.Year(year: year, alvhPnL: a.totalPnL, fixedPnL: f?.totalPnL, alvhReturnOnCapitalTime: a.returnOnCapitalTime,
                                        fixedReturnOnCapitalTime: f?.returnOnCapitalTime, alvhSharpe: a.returns.sharpe, fixedSharpe: f?.returns.sharpe,
                                        alvhMaxDrawdown: a.drawdown?.depth ?? 0, fixedMaxDrawdown: f.map { $0.drawdown?.depth ?? 0 },
                                        alvhWinRate: a.condors.winRate, fixedWinRate: f?.condors.winRate)
        }
        return PerformanceView(portfolio: performance.portfolio, returnsOn: performance.alvh.accountSize == nil ? "capital at risk" : "account equity",
                               points: points, years: years)
    }
}
