import ArgumentParser
import Foundation
import Ledger
import Projections

/// `alvh stats`: performance statistics per portfolio from its daily series, ALVH and fixed rule
/// side by side, over a date range or per calendar year.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Performance statistics per portfolio: P&L, return on capital-time, CAGR, volatility, Sharpe, Sortino, drawdowns, Calmar, per-condor figures.",
        discussion: """
            The daily series values the portfolio at each session's last mark of its market: P&L is realized plus the change in \
            unrealized (hedges and fees included); returns are on capital at risk at the start of the day, or on account equity when \
            the portfolio has an account size (alvh portfolio set NAME --capital USD). Ratios without a denominator print none. \
            The fixed column runs the same condors from their openings under the fixed rule of --take-profit, --stop, --exit-dte \
            and --at-stop (as alvh decisions takes them), with no hedges.
            """)

    @Option(help: ArgumentHelp("Only this portfolio (default: every portfolio).", valueName: "NAME")) var portfolio: String?
    @Option(help: ArgumentHelp("First New York date (YYYY-MM-DD).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("Last New York date (YYYY-MM-DD).", valueName: "DATE")) var to: String?
    @Option(help: ArgumentHelp("`year`: one line per calendar year.", valueName: "year")) var by: String?
    @OptionGroup var fixedRule: FixedRuleFlags
    @Flag(help: "Print CSV instead of a table.") var csv = false
    @OptionGroup var global: GlobalOptions

    /// The range, checked: real dates, `--from` not after `--to`.
    func range() throws -> (from: CalendarDate?, to: CalendarDate?) {
        func date(_ text: String?, _ flag: String) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let date = CalendarDate(iso: text) else { throw CLIFailure.invalid(flag, "must be a date YYYY-MM-DD (got \(Echo.quoted(text)))") }
            return date
        }
        let range = (from: try date(from, "--from"), to: try date(to, "--to"))
        if let from = range.from, let to = range.to, from > to { throw CLIFailure.invalid("--from", "must not be after --to (got \(from) > \(to))") }
        if let by, by != "year" { throw CLIFailure.invalid("--by", "must be year (got \(Echo.quoted(by)))") }
        return range
    }

    func run() throws {
        let format = try ReviewFormat.from(global, csv: csv)
        let range = try range()
        let rule = try fixedRule.rule()
        let store = try ReviewSession.open(global)
        // The ids of each portfolio's positions are all it needs from the projection: the series
        // folds their streams (no projection rows loaded, no stream read twice).
        var positions = try PortfolioPositions.load(store.connection)
        if let portfolio {
            try PortfolioScope.check(portfolio, known: positions.map(\.portfolio), store: store)
            positions = positions.filter { $0.portfolio == portfolio }
            if positions.isEmpty { positions = [PortfolioPositions(portfolio: portfolio, condorIDs: [], layerIDs: [])] }
        }
        let performances = try PortfolioPerformance.load(connection: store.connection, positions: positions, rule: rule)
        let output = StatsOutput(range: range, byYear: by == "year", rule: rule)
        switch format {
        case .table: output.table(performances)
        case .csv: output.csv(performances)
        case .json: try output.json(performances)
        }
    }
}
