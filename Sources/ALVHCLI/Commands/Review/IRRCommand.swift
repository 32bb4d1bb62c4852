import ArgumentParser
import Finance
import Foundation
import Ledger
import Projections

/// `alvh irr`: realized XIRR per condor, or per portfolio and calendar month or year, and the flows
/// behind it. No whole-history portfolio XIRR (see `IRRGrouping`).
struct IRRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "irr",
        abstract: "Realized XIRR (act/365) of capital-at-risk cash flows per condor, or per portfolio and calendar month or year.",
        discussion: """
        Opening a condor commits its maximum loss (widest wing × multiplier × contracts − credit); a roll \
        releases the old commitment less the closing debit and commits the new one; the close returns the \
        commitment less the closing debit; fees reduce cash. Hedge layers: premiums out, proceeds in; a VIX \
        future commits $10,000 margin per contract. Realized uses closed positions only; --unrealized adds \
        open ones at their last mark. A portfolio's XIRR is given per calendar month or year only: over years of \
        recycled capital one rate discounts later flows by factors above 1,000 and describes the first year or two. \
        --flows ID lists the flows behind a condor, layer, month or year.
        """)

    @Option(help: "Group by condor, month or year (calendar, New York, by when a position ended; one line per portfolio and period).") var by: String = "condor"
    @Option(help: ArgumentHelp("Only this portfolio's condors and layers (default: every portfolio).", valueName: "NAME")) var portfolio: String?
    @Flag(help: "Include open positions valued at their last mark.") var unrealized = false
    @Option(help: ArgumentHelp("List the flows behind one condor, layer, month (YYYY-MM) or year (YYYY), the period over every portfolio in scope.", valueName: "ID")) var flows: String?
    @Flag(help: "Print CSV instead of a table.") var csv = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let grouping = IRRGrouping(rawValue: by) else {
            let why = by == "portfolio" ? ": a portfolio's XIRR is given per calendar month or year only" : ""
            throw CLIFailure.invalid("--by", "must be condor, month or year (got \(Echo.quoted(by))\(why))")
        }
        let format = try ReviewFormat.from(global, csv: csv)
        let store = try ReviewSession.open(global)
        let book = try PortfolioScope.apply(portfolio, to: try ProjectionBook.load(store.connection), store: store)
        let report = IRRReport(book: book, unrealized: unrealized)
        typealias O = ReviewOutput
        let basis = unrealized ? "realized + unrealized at last mark" : "realized (closed positions)"

        if let key = flows {
            guard let line = report.flows(for: key) else {
                throw CLIFailure.invalid("--flows", "no condor, layer, month or year '\(key)' with \(unrealized ? "flows" : "realized flows (try --unrealized)")")
            }
            switch format {
            case .json:
                try O.json(["key": line.key, "basis": basis, "xirr": line.outcome.rate ?? NSNull(), "no_rate": Self.noRate(line.outcome) ?? NSNull(),
                            "pnl": O.money(line.pnl), "flows": line.flows.map { ["date": $0.date.description, "amount": O.money($0.amount), "what": $0.what, "source": $0.source] }])
            case .csv:
                O.csv(["date", "amount", "what", "source"], line.flows.map { [$0.date.description, O.money($0.amount), $0.what, $0.source] })
            case .table:
                print("flows of \(line.key) (\(basis)); dollars, positive into the account")
                O.table(["date", "amount", "what", "source"], line.flows.map { [$0.date.description, O.money(Finance.Money.rounded($0.amount)), $0.what, $0.source] })
                print("P&L \(O.money(line.pnl))  XIRR \(Self.rate(line.outcome))")
            }
            return
        }

        try printLines(report.lines(by: grouping), grouping: grouping, basis: basis, format: format)
    }

    /// The lines; month and year lines lead with their portfolio.
    func printLines(_ lines: [IRRLine], grouping: IRRGrouping, basis: String, format: ReviewFormat) throws {
        typealias O = ReviewOutput
        let periods = grouping != .condor
        switch format {
        case .json:
            try O.json(["by": grouping.rawValue, "basis": basis, "lines": lines.map { l -> [String: Any] in
                var line: [String: Any] = ["key": l.key, "flows": l.flows.count, "invested": O.money(l.invested), "returned": O.money(l.returned),
                                           "pnl": O.money(l.pnl), "xirr": l.outcome.rate ?? NSNull(), "no_rate": Self.noRate(l.outcome) ?? NSNull(),
                                           "unmarked_positions": l.unmarked,
                                           "first": l.flows.first?.date.description ?? NSNull(), "last": l.flows.last?.date.description ?? NSNull()]
                if periods { line["portfolio"] = l.portfolio ?? NSNull() }
                return line
            }])
        case .csv:
            O.csv((periods ? ["portfolio"] : []) + [grouping.rawValue, "flows", "invested", "returned", "pnl", "xirr", "first", "last"], lines.map { l in
                (periods ? [l.portfolio ?? ""] : []) + [l.key, String(l.flows.count), O.money(l.invested), O.money(l.returned), O.money(l.pnl),
                 l.outcome.rate.map { String($0) } ?? "none", l.flows.first?.date.description ?? "", l.flows.last?.date.description ?? ""]
            })
        case .table:
            if lines.isEmpty { print("no \(unrealized ? "" : "closed ")positions: no \(basis) IRR yet"); return }
            print("XIRR by \(periods ? "portfolio and " : "")\(grouping.rawValue), \(basis)")
            O.table((periods ? ["portfolio"] : []) + [grouping.rawValue, "flows", "first", "last", "invested", "returned", "P&L", "XIRR"], lines.map { l in
                (periods ? [l.portfolio ?? ""] : []) + [grouping == .condor ? String(l.key.prefix(8)) : l.key, String(l.flows.count),
                 l.flows.first?.date.description ?? "", l.flows.last?.date.description ?? "", O.money(l.invested), O.money(l.returned),
                 O.money(l.pnl), Self.rate(l.outcome) + (l.unmarked > 0 ? " (\(l.unmarked) unmarked)" : "")]
            })
        }
    }

    static func rate(_ outcome: XIRR.Outcome) -> String {
        switch outcome {
        case .rate(let rate): ReviewOutput.percent(rate)
        case .noRate(let reason): "no rate (\(reason.rawValue))"
        }
    }

    static func noRate(_ outcome: XIRR.Outcome) -> String? {
        if case .noRate(let reason) = outcome { return reason.rawValue }
        return nil
    }
}
