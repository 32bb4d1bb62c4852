import ArgumentParser
import Foundation
import Ledger
import Projections

/// `alvh positions [--all]`: condors with their current legs, roll chain and P&L.
struct PositionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "positions",
        abstract: "Open condors (all with --all): legs, roll chain with cumulative credit, realized and unrealized P&L.",
        discussion: "Money in dollars; credit per unit in index points. Unrealized P&L is at the last mark (quotes, model or mixed).")

    @Flag(help: "Include closed and expired condors.") var all = false
    @Flag(help: "Print CSV instead of a table.") var csv = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let format = try ReviewFormat.from(global, csv: csv)
        let store = try ReviewSession.open(global)
        let book = try ProjectionBook.load(store.connection)
        let condors = book.condors.filter { all || $0.status == .open }
        let rolls = Dictionary(grouping: book.rolls, by: \.condorID)
        typealias O = ReviewOutput

        func chain(_ id: UUID) -> String {
            (rolls[id] ?? []).map { r in
                "\(O.day(r.rolledAt)) \(r.side.rawValue) \(O.strikes(r.strikes)) \(r.strikes.expiry) net \(O.money(r.netCredit)) cum \(O.money(r.cumulativeCredit))"
            }.joined(separator: "; ")
        }
        switch format {
        case .json:
            try O.json(["checkpoint": book.checkpoint, "condors": condors.map { c -> [String: Any] in
                ["id": O.id(c.condorID), "portfolio": c.portfolio, "underlying": c.underlying.rawValue, "status": c.status.rawValue,
                 "close_reason": c.closeReason?.rawValue ?? NSNull(), "expiry": c.strikes.expiry.description,
                 "long_put": O.money(c.strikes.longPut), "short_put": O.money(c.strikes.shortPut), "short_call": O.money(c.strikes.shortCall),
                 "long_call": O.money(c.strikes.longCall), "contracts": c.contracts, "opened_at": O.instant(c.openedAt),
                 "ended_at": O.instant(c.endedAt), "days_held": O.daysHeld(from: c.openedAt, to: c.endedAt),
                 "opening_credit": O.money(c.openingCredit), "cumulative_credit": O.money(c.cumulativeCredit), "deferrals": c.deferrals,
                 "fees": O.money(c.fees), "cash": O.money(c.cash), "realized_pnl": O.jsonMoney(c.realizedPnL),
                 "unrealized_pnl": O.jsonMoney(c.unrealizedPnL), "mark_value": O.jsonMoney(c.markValue), "mark_at": O.instant(c.markAt),
                 "valuation": c.valuation?.rawValue ?? NSNull(), "model": O.model(c.modelID, valued: c.markValue != nil) ?? NSNull(),
                 "rolls": (rolls[c.condorID] ?? []).map { r -> [String: Any] in
                     ["seq": r.seq, "at": O.instant(r.rolledAt), "side": r.side.rawValue, "expiry": r.strikes.expiry.description,
                      "strikes": O.strikes(r.strikes), "net_credit": O.money(r.netCredit), "cumulative_credit": O.money(r.cumulativeCredit),
                      "fees": O.money(r.fees)]
                 }]
            }])
        case .csv:
            O.csv(["id", "portfolio", "underlying", "status", "close_reason", "expiry", "strikes", "contracts", "opened", "ended", "days_held",
                   "opening_credit", "cumulative_credit", "rolls", "deferrals", "fees", "realized_pnl", "unrealized_pnl", "mark_value",
                   "valuation", "roll_chain", "model"],
                  condors.map { c in
                      [O.id(c.condorID), c.portfolio, c.underlying.rawValue, c.status.rawValue, c.closeReason?.rawValue ?? "",
                       c.strikes.expiry.description, O.strikes(c.strikes), String(c.contracts), O.day(c.openedAt), O.day(c.endedAt),
                       String(O.daysHeld(from: c.openedAt, to: c.endedAt)), O.money(c.openingCredit), O.money(c.cumulativeCredit),
                       String(c.rolls), String(c.deferrals), O.money(c.fees), O.money(c.realizedPnL), O.money(c.unrealizedPnL),
                       O.money(c.markValue), c.valuation?.rawValue ?? "", chain(c.condorID), O.model(c.modelID, valued: c.markValue != nil) ?? ""]
                  })
        case .table:
            if condors.isEmpty { print(all ? "no condors" : "no open condors (use --all for closed ones)"); return }
            O.table(["condor", "portfolio", "und", "status", "expiry", "strikes", "qty", "days", "credit", "cum credit", "rolls", "realized", "unrealized", "valued"],
                    condors.map { c in
                        [O.shortID(c.condorID), c.portfolio, c.underlying.rawValue,
                         c.status.rawValue + (c.closeReason.map { $0 == .expiry ? "" : " (\($0.rawValue))" } ?? ""),
                         c.strikes.expiry.description, O.strikes(c.strikes), String(c.contracts), String(O.daysHeld(from: c.openedAt, to: c.endedAt)),
                         O.money(c.openingCredit), O.money(c.cumulativeCredit), String(c.rolls), O.money(c.realizedPnL), O.money(c.unrealizedPnL),
                         c.valuation?.rawValue ?? (c.status == .open ? "no mark" : "")]
                    })
            let chained = condors.filter { !(rolls[$0.condorID] ?? []).isEmpty }
            if !chained.isEmpty {
                print("\nroll chains (net credit and cumulative credit per unit):")
                for c in chained {
                    print("  \(O.shortID(c.condorID)) opened \(O.day(c.openedAt)) for \(O.money(c.openingCredit))")
                    for r in rolls[c.condorID] ?? [] {
                        print("    \(r.seq). \(O.day(r.rolledAt)) roll \(r.side.rawValue) → \(O.strikes(r.strikes)) \(r.strikes.expiry)  net \(O.money(r.netCredit))  cumulative \(O.money(r.cumulativeCredit))")
                    }
                }
            }
        }
    }
}
