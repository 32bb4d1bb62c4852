import ArgumentParser
import Foundation
import Ledger
import Projections

/// `alvh hedges [--all]`: hedge layers with what they protect, quantity, cost basis and P&L.
struct HedgesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedges",
        abstract: "Open hedge layers (all with --all): what each protects, quantity, cost basis, realized and unrealized P&L.",
        discussion: "Money in dollars. Unrealized P&L is at the last mark: VIX futures at the recorded curve, VIX options by Black-76; ETPs have no recorded price.")

    @Flag(help: "Include closed layers.") var all = false
    @Flag(help: "Print CSV instead of a table.") var csv = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let format = try ReviewFormat.from(global, csv: csv)
        let store = try ReviewSession.open(global)
        let book = try ProjectionBook.load(store.connection)
        let layers = book.layers.filter { all || $0.status == .open }
        typealias O = ReviewOutput
        func protects(_ l: HedgeLayerRow, short: Bool) -> String {
            l.protects.isEmpty ? "portfolio" : l.protects.map { short ? O.shortID($0) : O.id($0) }.joined(separator: " ")
        }
        switch format {
        case .json:
            try O.json(["checkpoint": book.checkpoint, "layers": layers.map { l -> [String: Any] in
                ["id": O.id(l.layerID), "portfolio": l.portfolio, "protects": l.protects.map(O.id), "instrument": l.instrument.spec,
                 "tier": l.tier ?? NSNull(), "status": l.status.rawValue, "quantity": l.quantity, "initial_quantity": l.initialQuantity,
                 "entry_price": O.money(l.entryPrice), "cost_basis": O.money(l.costBasis), "realized_pnl": O.money(l.realizedPnL),
                 "unrealized_pnl": O.jsonMoney(l.unrealizedPnL), "mark_value": O.jsonMoney(l.markValue), "mark_at": O.instant(l.markAt),
                 "valuation": l.valuation?.rawValue ?? NSNull(), "model": O.model(l.modelID, valued: l.markValue != nil) ?? NSNull(),
                 "opened_at": O.instant(l.openedAt), "ended_at": O.instant(l.endedAt)]
            }])
        case .csv:
            O.csv(["id", "portfolio", "protects", "instrument", "tier", "status", "quantity", "entry_price", "cost_basis", "realized_pnl",
                   "unrealized_pnl", "mark_value", "valuation", "opened", "ended", "model"],
                  layers.map { l in
                      [O.id(l.layerID), l.portfolio, protects(l, short: false), l.instrument.spec, l.tier.map(String.init) ?? "", l.status.rawValue,
                       String(l.quantity), O.money(l.entryPrice), O.money(l.costBasis), O.money(l.realizedPnL), O.money(l.unrealizedPnL),
                       O.money(l.markValue), l.valuation?.rawValue ?? "", O.day(l.openedAt), O.day(l.endedAt), O.model(l.modelID, valued: l.markValue != nil) ?? ""]
                  })
        case .table:
            if layers.isEmpty { print(all ? "no hedge layers" : "no open hedge layers (use --all for closed ones)"); return }
            O.table(["layer", "portfolio", "protects", "instrument", "tier", "status", "qty", "entry", "cost basis", "realized", "unrealized", "valued"],
                    layers.map { l in
                        [O.shortID(l.layerID), l.portfolio, protects(l, short: true), l.instrument.spec, l.tier.map(String.init) ?? "",
                         l.status.rawValue, String(l.quantity), O.money(l.entryPrice), O.money(l.costBasis), O.money(l.realizedPnL),
                         O.money(l.unrealizedPnL), l.valuation?.rawValue ?? (l.status == .open ? "no mark" : "")]
                    })
        }
    }
}
