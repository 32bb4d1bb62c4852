import ArgumentParser
import EventStore
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
        it judges the marks' mids and trades at the market model's fills with each condor's own fees. Paths are valued \
        by each feed's market model (alvh market model): recorded quotes when present, else BSM at the skewed vol. \
        A whole-trade line per condor applies the rule from the opening; its total is the headline edge.
        """)

    @Option(help: ArgumentHelp("Only this condor.", valueName: "ID")) var condor: String?
    @Option(help: ArgumentHelp("Only this portfolio's condors (default: every portfolio): the headline edge is then that portfolio's.", valueName: "NAME"))
    var portfolio: String?
    @OptionGroup var fixedRule: FixedRuleFlags
    @Flag(help: "Print CSV instead of a table.") var csv = false
    @OptionGroup var global: GlobalOptions

    func rule() throws -> FixedRule { try fixedRule.rule() }

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
        let report = try Self.report(store: store, rule: rule, condor: condorID, portfolio: portfolio)
        switch format {
        case .json: try Self.printJSON(report)
        case .csv: Self.printCSV(report)
        case .table: Self.printTable(report)
        }
    }

    /// The decision report of every condor, or of one portfolio's (checked: exit 2 for a portfolio the
    /// ledger does not have), or of one condor.
    static func report(store: EventStore, rule: FixedRule, condor: UUID?, portfolio: String?) throws -> DecisionReport {
        guard let portfolio else { return try DecisionReport.build(store: store, rule: rule, condor: condor) }
        let book = try PortfolioScope.apply(portfolio, to: try ProjectionBook.load(store.connection), store: store)
        return try DecisionReport.build(store: store, book: book, condors: book.condors.filter { condor == nil || $0.condorID == condor }, rule: rule)
    }

    /// The rule, then each market model that valued a figure with its assumptions: printed once.
    static func assumptions(_ report: DecisionReport) -> [String] {
        ["fixed rule: \(report.rule.description); fills and fees on both paths (the ALVH path as recorded, the fixed path at the model's "
            + "fills and each condor's own fees per four legs traded)"]
            + report.models.map { "\($0.label): \($0.assumptions)" }
    }

    static func printJSON(_ report: DecisionReport) throws {
        typealias O = ReviewOutput
        let rule = report.rule, t = report.tradeTotals
        let parameters: [String: Any] = ["take_profit": O.money(rule.takeProfit), "stop": O.money(rule.stop),
                                         "exit_dte": rule.exitDTE ?? NSNull(), "at_stop": rule.atStop.rawValue]
        let models: [[String: Any]] = report.models.map { ["id": $0.id, "label": $0.label, "assumptions": $0.assumptions] }
        try O.json(["parameters": parameters, "models": models, "lines": report.lines.map { l -> [String: Any] in
            ["condor": O.id(l.condorID), "decided_at": O.instant(l.decidedAt), "kind": l.kind, "alvh_choice": l.alvhChoice,
             "fixed_choice": l.fixedChoice, "fixed_exit": l.fixedExit, "alvh_pnl": O.jsonMoney(l.alvhPnL), "fixed_pnl": O.jsonMoney(l.fixedPnL),
             "edge": O.jsonMoney(l.edge), "alvh_valuation": l.alvhValuation, "fixed_valuation": l.fixedValuation, "models": l.models,
             "note": l.note ?? NSNull(), "contracts": l.contracts ?? NSNull()]
        }, "totals": ["trades": ["alvh_pnl": O.money(t.alvh), "fixed_pnl": O.money(t.fixed), "edge": O.money(t.edge)]]])
    }

    static func printCSV(_ report: DecisionReport) {
        typealias O = ReviewOutput
        O.csv(["condor", "decided_at", "kind", "alvh_choice", "fixed_choice", "fixed_exit", "alvh_pnl", "fixed_pnl", "edge",
               "alvh_valuation", "fixed_valuation", "models", "note"],
              report.lines.map { l in
                  [O.id(l.condorID), (O.instant(l.decidedAt) as? String) ?? "", l.kind, l.alvhChoice, l.fixedChoice, l.fixedExit,
                   O.money(l.alvhPnL), O.money(l.fixedPnL), O.money(l.edge), l.alvhValuation, l.fixedValuation, l.models.joined(separator: " "), l.note ?? ""]
              })
    }

    static func printTable(_ report: DecisionReport) {
        typealias O = ReviewOutput
        for line in assumptions(report) { print(line) }
        if report.lines.isEmpty { print("no condors"); return }
        let manyModels = report.models.count > 1
        O.table(["condor", "date", "decision", "ALVH choice", "fixed rule", "fixed exit", "ALVH P&L", "fixed P&L", "edge", "valued (ALVH/fixed)"]
                    + (manyModels ? ["model"] : []),
                report.lines.map { l in
                    [O.shortID(l.condorID), l.decidedAt.map { O.day($0) } ?? "whole trade", l.kind, String(l.alvhChoice.prefix(40)),
                     String(l.fixedChoice.prefix(40)), l.fixedExit, O.money(l.alvhPnL), O.money(l.fixedPnL), O.money(l.edge),
                     l.note ?? "\(l.alvhValuation)/\(l.fixedValuation)"] + (manyModels ? [l.models.map { String($0.prefix(8)) }.joined(separator: "+")] : [])
                })
        let t = report.tradeTotals
        print("ALVH edge over the fixed rule, whole trades: \(O.money(t.edge))  (ALVH \(O.money(t.alvh)), fixed \(O.money(t.fixed)))")
        if report.lines.filter({ $0.kind != "trade" && $0.edge != nil }).count > 1 {
            print("(each decision's paths run from it to the condor's end, so decisions on one condor overlap and their edges")
            print(" are not added up; the whole-trade edge is the total to compare with P&L)")
        }
    }
}
