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
        // Cumulative P&L of each path from the range's first session, and its distance below the
        // running peak (`RunningPeak`, the scan behind the statistics' drawdowns).
        var alvhTotal = Decimal(0), fixedTotal = Decimal(0)
        let alvhCurve = alvh.map { session -> (CalendarDate, Decimal) in
            alvhTotal += session.pnl
            return (session.date, alvhTotal)
        }
        let fixedCurve = alvh.compactMap { session -> (CalendarDate, Decimal)? in
            guard let other = fixed?[session.date] else { return nil }
            fixedTotal += other.pnl
            return (session.date, fixedTotal)
        }
        let fixedPoints = Dictionary(uniqueKeysWithValues: zip(fixedCurve, RunningPeak.underwater(fixedCurve)).map { ($0.0.0, ($0.0.1, $0.1)) })
        let points = zip(alvhCurve, RunningPeak.underwater(alvhCurve)).map { point, drawdown in
            PerformanceView.Point(date: point.0, alvh: point.1, fixed: fixedPoints[point.0]?.0, alvhDrawdown: drawdown,
                                  fixedDrawdown: fixedPoints[point.0]?.1)
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
