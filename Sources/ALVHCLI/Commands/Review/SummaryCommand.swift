import ArgumentParser
import Foundation
import Ledger
import Projections

/// `alvh summary`: a one-screen performance review.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "One-screen performance review: positions, P&L, win rate, statistics, XIRR per portfolio and year, ALVH edge over the fixed rule.")

    @Option(help: ArgumentHelp("Only this portfolio's condors and layers (default: every portfolio).", valueName: "NAME")) var portfolio: String?
    @Flag(help: "Print CSV (metric,value) instead of text.") var csv = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let format = try ReviewFormat.from(global, csv: csv)
        let store = try ReviewSession.open(global)
        let book = try PortfolioScope.apply(portfolio, to: try ProjectionBook.load(store.connection), store: store)
        let rule = FixedRule.standard
        let decisions = try DecisionReport.build(store: store, book: book, condors: book.condors, rule: rule)
        typealias O = ReviewOutput

        let summary = PerformanceSummary(book: book)
        let statistics = SummaryStatistics(try PortfolioPerformance.load(connection: store.connection, book: book, only: portfolio))
        let closed = book.condors.filter { $0.status != .open }
        let avgDays = closed.isEmpty ? nil : Double(closed.reduce(0) { $0 + O.daysHeld(from: $1.openedAt, to: $1.endedAt) }) / Double(closed.count)
        let (winRate, best, worst, reasons) = (summary.winRate, summary.best, summary.worst, summary.closeReasons)
        let (realizedIRR, totalIRR) = (summary.realizedIRRByYear, summary.totalIRRByYear)
        let t = decisions.tradeTotals
        let decisionCount = decisions.decisionCount

        var metrics: [(String, String)] = [
            ("checkpoint", String(book.checkpoint)),
            ("condors_open", String(summary.condorsOpen)), ("condors_closed", String(summary.condorsEnded)),
            ("layers_open", String(summary.layersOpen)), ("layers_closed", String(summary.layersClosed)),
            ("realized_pnl", O.money(summary.realizedPnL)), ("unrealized_pnl", O.money(summary.unrealizedPnL)), ("condor_fees", O.money(summary.condorFees)),
            ("win_rate", winRate.map { String(format: "%.4f", $0) } ?? ""), ("average_days_held", avgDays.map { String(format: "%.1f", $0) } ?? ""),
            ("decisions", String(decisionCount)), ("trade_edge", O.money(t.edge)),
        ]
        for line in realizedIRR { metrics.append((Self.metric("realized_xirr", line), line.outcome.rate.map { String($0) } ?? "none")) }
        for line in totalIRR { metrics.append((Self.metric("total_xirr", line), line.outcome.rate.map { String($0) } ?? "none")) }
        metrics += statistics.metrics

        switch format {
        case .csv:
            O.csv(["metric", "value"], metrics.map { [$0.0, $0.1] })
        case .json:
            var object: [String: Any] = Dictionary(uniqueKeysWithValues: metrics.filter { !$0.0.contains("[") }.map { ($0.0, $0.1 as Any) })
            object["close_reasons"] = reasons
            object["realized_xirr"] = Self.byPortfolioAndYear(realizedIRR)
            object["total_xirr"] = Self.byPortfolioAndYear(totalIRR)
            object["fixed_rule"] = rule.description
            object["statistics"] = statistics.json
            object["models"] = decisions.models.map { ["id": $0.id, "label": $0.label, "assumptions": $0.assumptions] }
            object["portfolio"] = portfolio ?? NSNull()
            try O.json(object)
        case .table:
            print("ALVH Ledger review\(portfolio.map { " of portfolio \($0)" } ?? "") (events to position \(book.checkpoint))")
            print("")
            print("condors      \(summary.condorsOpen) open, \(summary.condorsEnded) ended" + (reasons.isEmpty ? "" : " (" + reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"))
            print("hedge layers \(summary.layersOpen) open, \(summary.layersClosed) closed")
            print("P&L          realized \(O.money(summary.realizedPnL)), unrealized at last mark \(O.money(summary.unrealizedPnL)), condor fees \(O.money(summary.condorFees))")
            if let winRate, let avgDays {
                print("win rate     \(O.percent(winRate)) of \(closed.count) ended condors, \(String(format: "%.1f", avgDays)) days held on average")
            }
            if let best, let worst {
                print("best/worst   \(O.shortID(best.condorID)) \(O.money(best.realizedPnL)) / \(O.shortID(worst.condorID)) \(O.money(worst.realizedPnL))")
            }
            print("")
            statistics.printTable()
            if !totalIRR.isEmpty {
                print("XIRR per calendar year (positions by the year they ended; no whole-history XIRR, see alvh irr --help)")
                O.table(["portfolio", "year", "realized P&L", "realized XIRR", "with open P&L", "with open XIRR"], totalIRR.map { line in
                    let real = realizedIRR.first { $0.portfolio == line.portfolio && $0.key == line.key }
                    return [line.portfolio ?? "", line.key, O.money(real?.pnl), real.map { IRRCommand.rate($0.outcome) } ?? "no closed positions",
                            O.money(line.pnl), IRRCommand.rate(line.outcome)]
                })
                print("")
            }
            print("ALVH vs fixed rule (\(rule.description)), \(decisionCount) decisions:")
            print("  edge over the whole trades \(O.money(t.edge)): ALVH \(O.money(t.alvh)), fixed \(O.money(t.fixed))")
            for line in DecisionsCommand.assumptions(decisions).dropFirst() { print("  " + line) }
            print("  (both paths pay fills and fees; decision edges overlap and are not added up: alvh decisions lists them)")
        }
    }

    /// `realized_xirr[PORTFOLIO][YEAR]`: the CSV metric (and the report's `data-metric`) of a year's line.
    static func metric(_ name: String, _ line: IRRLine) -> String { "\(name)[\(line.portfolio ?? "")][\(line.key)]" }

    /// `{portfolio: {year: rate or null}}` for `--json`.
    static func byPortfolioAndYear(_ lines: [IRRLine]) -> [String: [String: Any]] {
        Dictionary(grouping: lines) { $0.portfolio ?? "" }.mapValues { lines in
            Dictionary(uniqueKeysWithValues: lines.map { ($0.key, $0.outcome.rate as Any? ?? NSNull()) })
        }
    }
}
