import ArgumentParser
import EventStore
import Foundation
import Ledger
import Projections
import Report
import Strategy

/// `alvh report --html FILE`: the performance review as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the performance review as one self-contained HTML file (inline SVG charts, no network requests).",
        discussion: """
        Charts: cumulative P&L of the ALVH path against the fixed rule (take-profit 0.5, stop 2) with the decisions \
        marked; each decision's edge; hedge layers' cost against payoff; realized IRR by month; per portfolio the equity curve, the underwater chart and the \
        per-year table; VIX with VIX/VIX3M. XIRR per portfolio and calendar year (no whole-history XIRR). \
        Tables: open positions with greeks and break-evens; the decisions. --portfolio and --from/--to keep the condors \
        and layers of that portfolio opened in that range (New York dates, inclusive) and the marks in that range; a portfolio \
        the ledger does not hold is refused (exit 2, no file written).
        """)

    @Option(help: ArgumentHelp("Where to write the HTML.", valueName: "FILE")) var html: String
    @Option(help: "Only this portfolio.") var portfolio: String?
    @Option(help: ArgumentHelp("First New York date (YYYY-MM-DD).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("Last New York date (YYYY-MM-DD).", valueName: "DATE")) var to: String?
    @OptionGroup var global: GlobalOptions

    func scope() throws -> ReportScope {
        func date(_ text: String?, _ flag: String) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let date = CalendarDate(iso: text) else { throw CLIFailure.invalid(flag, "must be a date YYYY-MM-DD (got \(Echo.quoted(text)))") }
            return date
        }
        let scope = ReportScope(portfolio: portfolio, from: try date(from, "--from"), to: try date(to, "--to"))
        if let from = scope.from, let to = scope.to, to < from { throw CLIFailure.invalid("--to", "must not be before --from (\(from))") }
        if let portfolio, portfolio.isEmpty { throw CLIFailure.invalid("--portfolio", "must not be empty") }
        if html.isEmpty { throw CLIFailure.invalid("--html", "must name a file") }
        return scope
    }

    func run() throws {
        let scope = try scope()
        let store = try ReviewSession.open(global)
        // A backtested portfolio's marks are on its own feed (`alvh backtest`'s naming).
        let data = try ReportLoader.load(store: store, scope: scope, preferredFeed: portfolio.map { MarketFeed.backtest(portfolio: $0) }) { known in
            if let portfolio { try PortfolioScope.check(portfolio, known: known, store: store) }
        }
        try Self.write(data, to: html)
        if global.json {
            try ReviewOutput.json(["file": html, "condors": data.figures.condorsOpen + data.figures.condorsClosed, "decisions": data.figures.decisions,
                                   "layers": data.layers.count, "marks": data.volatility.count])
        } else {
            print("wrote \(html): \(data.figures.condorsOpen + data.figures.condorsClosed) condors, \(data.figures.decisions) decisions, "
                  + "\(data.layers.count) hedge layers, \(data.volatility.count) marks (\(scope.description))")
        }
    }

    /// Writes the page atomically; a path that cannot be written is a usage error naming --html.
    static func write(_ data: ReportData, to path: String) throws {
        do {
            try Data(ReportPage.html(data).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIFailure.invalid("--html", "cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
