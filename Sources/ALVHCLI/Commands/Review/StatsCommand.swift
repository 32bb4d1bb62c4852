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
            the portfolio has an account size (alvh portfolio set NAME --capital USD). Ratios without a denominator print none.
            """)

    @Option(help: ArgumentHelp("Only this portfolio (default: every portfolio).", valueName: "NAME")) var portfolio: String?
    @Option(help: ArgumentHelp("First New York date (YYYY-MM-DD).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("Last New York date (YYYY-MM-DD).", valueName: "DATE")) var to: String?
    @Option(help: ArgumentHelp("`year`: one line per calendar year.", valueName: "year")) var by: String?
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
        let store = try ReviewSession.open(global)
        let book = try ProjectionBook.load(store.connection)
        if let portfolio, !book.portfolios.contains(portfolio), try store.streamVersion(StreamName.portfolio(portfolio)) == 0 {
            let known = book.portfolios.map { "'\($0)'" }.joined(separator: ", ")
            throw CLIFailure.invalid("--portfolio", "no portfolio named \(Echo.quoted(portfolio)) in the ledger (portfolios: \(known.isEmpty ? "none" : known))")
        }
        let performances = try PortfolioPerformance.load(connection: store.connection, book: book, only: portfolio)
        let output = StatsOutput(range: range, byYear: by == "year")
        switch format {
        case .table: output.table(performances)
        case .csv: output.csv(performances)
        case .json: try output.json(performances)
        }
    }
}
