import ArgumentParser
import Foundation
import Ledger
import Projections

/// `alvh decisions`: every ALVH decision against the fixed risk:reward rule from the same state.
struct DecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "Per decision: the ALVH choice, the fixed rule's, both paths' P&L, the edge, and each path's valuation.",
        discussion: """
        The fixed rule with credit C: take profit when the condor's value is at most (1 − take-profit) × C, \
        stop when it is at least (1 + stop) × C, optionally exit at N days to expiry, else hold to expiry; \
        it acts at the marks' mids. Paths are valued with recorded quotes when present, else BSM at VIX \
        with the skew (rate 4 %, dividend 1.3 %). A whole-trade line per condor applies the rule from the opening.
        """)

    @Option(help: ArgumentHelp("Only this condor.", valueName: "ID")) var condor: String?
    @Option(name: .customLong("take-profit"), help: "Fraction of the credit kept when taking profit, in (0, 1].") var takeProfit: String = "0.5"
    @Option(help: "Stop at this multiple of the credit lost.") var stop: String = "2.0"
    @Option(name: .customLong("exit-dte"), help: ArgumentHelp("Exit at this many calendar days to expiry.", valueName: "N")) var exitDTE: Int?
    @Option(name: .customLong("at-stop"), help: "At the stop: close or roll.") var atStop: String = "close"
    @Flag(help: "Print CSV instead of a table.") var csv = false
    @OptionGroup var global: GlobalOptions

    func rule() throws -> FixedRule {
        try FixedRuleOptions.rule(takeProfit: takeProfit, stop: stop, exitDTE: exitDTE, atStop: atStop)
    }

    func run() throws {
        let rule = try rule()
        let condorID = try condor.map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw CLIFailure.invalid("--condor", "must be a condor id (UUID) (got \(Echo.quoted(text)))") }
            return id
        }
        let format = try ReviewFormat.from(global, csv: csv)
        let store = try ReviewSession.open(global)
        if let condorID, try store.streamVersion(StreamName.condor(condorID)) == 0 {
            throw CLIFailure.invalid("--condor", "no condor \(ReviewOutput.id(condorID)) in the ledger")
        }
        let report = try DecisionReport.build(store: store, rule: rule, condor: condorID)
        typealias O = ReviewOutput
        let parameters: [String: Any] = ["take_profit": O.money(rule.takeProfit), "stop": O.money(rule.stop),
                                         "exit_dte": rule.exitDTE ?? NSNull(), "at_stop": rule.atStop.rawValue,
                                         "rate": report.settings.rate, "dividend_yield": report.settings.dividendYield]
        let d = report.decisionTotals, t = report.tradeTotals
        switch format {
        case .json:
            try O.json(["parameters": parameters, "lines": report.lines.map { l -> [String: Any] in
                ["condor": O.id(l.condorID), "decided_at": O.instant(l.decidedAt), "kind": l.kind, "alvh_choice": l.alvhChoice,
                 "fixed_choice": l.fixedChoice, "fixed_exit": l.fixedExit, "alvh_pnl": O.jsonMoney(l.alvhPnL), "fixed_pnl": O.jsonMoney(l.fixedPnL),
                 "edge": O.jsonMoney(l.edge), "alvh_valuation": l.alvhValuation, "fixed_valuation": l.fixedValuation, "note": l.note ?? NSNull()]
            }, "totals": ["decisions": ["alvh_pnl": O.money(d.alvh), "fixed_pnl": O.money(d.fixed), "edge": O.money(d.edge)],
                          "trades": ["alvh_pnl": O.money(t.alvh), "fixed_pnl": O.money(t.fixed), "edge": O.money(t.edge)]]])
        case .csv:
            O.csv(["condor", "decided_at", "kind", "alvh_choice", "fixed_choice", "fixed_exit", "alvh_pnl", "fixed_pnl", "edge",
                   "alvh_valuation", "fixed_valuation", "note"],
                  report.lines.map { l in
                      [O.id(l.condorID), (O.instant(l.decidedAt) as? String) ?? "", l.kind, l.alvhChoice, l.fixedChoice, l.fixedExit,
                       O.money(l.alvhPnL), O.money(l.fixedPnL), O.money(l.edge), l.alvhValuation, l.fixedValuation, l.note ?? ""]
                  })
        case .table:
            print("fixed rule: \(rule.description); model: rate \(report.settings.rate), dividend \(report.settings.dividendYield), skew on VIX")
            if report.lines.isEmpty { print("no condors"); return }
            O.table(["condor", "date", "decision", "ALVH choice", "fixed rule", "fixed exit", "ALVH P&L", "fixed P&L", "edge", "valued (ALVH/fixed)"],
                    report.lines.map { l in
                        [O.shortID(l.condorID), l.decidedAt.map { O.day($0) } ?? "whole trade", l.kind, String(l.alvhChoice.prefix(40)),
                         String(l.fixedChoice.prefix(40)), l.fixedExit, O.money(l.alvhPnL), O.money(l.fixedPnL), O.money(l.edge),
                         l.note ?? "\(l.alvhValuation)/\(l.fixedValuation)"]
                    })
            print("totals, decisions:    ALVH \(O.money(d.alvh))  fixed \(O.money(d.fixed))  edge \(O.money(d.edge))")
            print("totals, whole trades: ALVH \(O.money(t.alvh))  fixed \(O.money(t.fixed))  edge \(O.money(t.edge))")
            if report.lines.filter({ $0.kind != "trade" && $0.edge != nil }).count > 1 {
                print("(each decision's paths run from it to the condor's end, so decisions on one condor overlap and")
                print(" their sum counts the same days more than once; the whole-trade total is the one to compare with P&L)")
            }
        }
    }
}
