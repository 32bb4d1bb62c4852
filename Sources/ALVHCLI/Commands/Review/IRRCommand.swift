import ArgumentParser
import Finance
import Foundation
import Ledger
import Projections

/// `alvh irr`: realized XIRR per condor, portfolio or month, and the flows behind it.
struct IRRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "irr",
        abstract: "Realized XIRR (act/365) of capital-at-risk cash flows per condor, portfolio or month.",
        discussion: """
        Opening a condor commits its maximum loss (widest wing × multiplier × contracts − credit); a roll \
        releases the old commitment less the closing debit and commits the new one; the close returns the \
        commitment less the closing debit; fees reduce cash. Hedge layers: premiums out, proceeds in; a VIX \
        future commits $10,000 margin per contract. Realized uses closed positions only; --unrealized adds \
        open ones at their last mark. --flows ID lists the flows behind a condor, layer, portfolio or month.
        """)

    @Option(help: "Group by condor, portfolio, month or year (calendar, New York, by when a position ended).") var by: String = "condor"
    @Flag(help: "Include open positions valued at their last mark.") var unrealized = false
    @Option(help: ArgumentHelp("List the flows behind one condor, layer, portfolio or month (YYYY-MM).", valueName: "ID")) var flows: String?
    @Flag(help: "Print CSV instead of a table.") var csv = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let grouping = IRRGrouping(rawValue: by) else {
            throw CLIFailure.invalid("--by", "must be condor, portfolio, month or year (got \(Echo.quoted(by)))")
        }
        let format = try ReviewFormat.from(global, csv: csv)
        let store = try ReviewSession.open(global)
        let report = IRRReport(book: try ProjectionBook.load(store.connection), unrealized: unrealized)
        typealias O = ReviewOutput
        let basis = unrealized ? "realized + unrealized at last mark" : "realized (closed positions)"

        if let key = flows {
            guard let line = report.flows(for: key) else {
                throw CLIFailure.invalid("--flows", "no condor, layer, portfolio or month '\(key)' with \(unrealized ? "flows" : "realized flows (try --unrealized)")")
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

        let lines = report.lines(by: grouping)
        switch format {
        case .json:
            try O.json(["by": grouping.rawValue, "basis": basis, "lines": lines.map { l -> [String: Any] in
                ["key": l.key, "flows": l.flows.count, "invested": O.money(l.invested), "returned": O.money(l.returned), "pnl": O.money(l.pnl),
                 "xirr": l.outcome.rate ?? NSNull(), "no_rate": Self.noRate(l.outcome) ?? NSNull(), "unmarked_positions": l.unmarked,
                 "first": l.flows.first?.date.description ?? NSNull(), "last": l.flows.last?.date.description ?? NSNull()]
            }])
        case .csv:
            O.csv([grouping.rawValue, "flows", "invested", "returned", "pnl", "xirr", "first", "last"], lines.map { l in
                [l.key, String(l.flows.count), O.money(l.invested), O.money(l.returned), O.money(l.pnl),
                 l.outcome.rate.map { String($0) } ?? "none", l.flows.first?.date.description ?? "", l.flows.last?.date.description ?? ""]
            })
        case .table:
            if lines.isEmpty { print("no \(unrealized ? "" : "closed ")positions: no \(basis) IRR yet"); return }
            print("XIRR by \(grouping.rawValue), \(basis)")
            O.table([grouping.rawValue, "flows", "first", "last", "invested", "returned", "P&L", "XIRR"], lines.map { l in
                [grouping == .condor ? String(l.key.prefix(8)) : l.key, String(l.flows.count), l.flows.first?.date.description ?? "",
                 l.flows.last?.date.description ?? "", O.money(l.invested), O.money(l.returned), O.money(l.pnl),
                 Self.rate(l.outcome) + (l.unmarked > 0 ? " (\(l.unmarked) unmarked)" : "")]
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
