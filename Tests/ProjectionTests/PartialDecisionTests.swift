import EventStore
import Foundation
import Ledger
import Projections
import Testing
import TestSupport

/// Issue 16 in `alvh decisions`: the whole trade of a condor closed in part, and of one split then
/// rolled. Same market as `DecisionTests`: SPX 4900/4950/5300/5350 sold for 10.00 on 2026-01-02 (no
/// fees), marks whose quotes price the 4950 put alone, so the original condor's value is that put's
/// mid; the fixed rule buys back at the value + 0.40 (0.10 slippage on four legs).
@Suite("Decisions on partial closes and splits", .serialized)
struct PartialDecisionTests {
    /// 2 contracts. The fixed rule takes profit on both at the 01-10 mark (value 4, bought back at
    /// 4.40): (10 − 4.40) × 100 × 2 = 1,120, 560 a contract. ALVH closed 1 at 6 on 01-15 (an ALVH
    /// decision) and the other at 3 on 02-10: 2,000 − 600 − 300 = 1,100, 550 a contract; edge −20. The
    /// decision starts from the 01-10 mark with both contracts: fixed (4 − 4.40) × 200 = −80, ALVH
    /// 1,100 − (2,000 − 4 × 200) = −100.
    @Test func aPartiallyClosedCondorsWholeTradeCoversEveryContract() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z", contracts: "2")
        try DecisionTests.markWithValue(l, "4", at: "2026-01-10T15:30:00Z")
        try l.run("condor close", [id.uuidString, "--contracts", "1", "--price", "6", "--reason", "alvh", "--at", "2026-01-15T15:00:00Z"])
        try l.run("condor close", [id.uuidString, "--price", "3", "--reason", "take-profit", "--at", "2026-02-10T15:00:00Z"])

        let report = try DecisionTests.report(l)
        let trade = try #require(report.lines.first { $0.kind == "trade" })
        #expect(trade.contracts == 2 && trade.fixedExit == "take-profit 2026-01-10")
        #expect(trade.fixedPnL == 1120 && trade.alvhPnL == 1100 && trade.edge == -20)
        #expect(trade.fixedPnL! / Decimal(trade.contracts!) == 560 && trade.alvhPnL! / Decimal(trade.contracts!) == 550)
        let close = try #require(report.lines.first { $0.kind == "close" })
        #expect(close.alvhChoice == "close 1" && close.contracts == nil)
        #expect(close.fixedPnL == -80 && close.alvhPnL == -100 && close.edge == -20)
    }

    /// 2 contracts; on 01-12 one contract's put side is rolled (close 20, open 15: a net debit of 5):
    /// it continues as a new condor with half the cash (1,000). Marks: 01-10 value 20 (hold), 01-20
    /// value 4 (take profit). Both condors are closed on 01-25: the first at 4, the new one at 2.
    /// - The first condor's trade covers the contract it kept: fixed (10 − 4.40) × 100 = 560; ALVH
    ///   1,000 − 400 = 600; edge +40.
    /// - The new condor's trade starts at the first condor's opening, for its one contract: fixed 560;
    ///   ALVH 1,000 − 500 − 200 = 300; edge −260. Its roll decision starts from the 01-10 mark
    ///   (value 20, credit 10): fixed (20 − 4.40) × 100 = 1,560, ALVH 300 − (1,000 − 2,000) = 1,300.
    @Test func aSplitThenRolledCondorsTradeStartsAtTheOpening() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z", contracts: "2")
        try DecisionTests.markWithValue(l, "20", at: "2026-01-10T15:30:00Z")
        let command = UUID()
        try l.run("condor roll", [id.uuidString, "--contracts", "1", "--side", "put", "--long-put", "4850", "--short-put", "4900",
                                  "--close-price", "20", "--open-price", "15", "--at", "2026-01-12T15:00:00Z", "--command-id", command.uuidString])
        let newID = EventIdentity.entityID(command: command, kind: "condor")
        try DecisionTests.markWithValue(l, "4", at: "2026-01-20T15:30:00Z")
        try l.run("condor close", [id.uuidString, "--price", "4", "--at", "2026-01-25T15:00:00Z"])
        try l.run("condor close", [newID.uuidString, "--price", "2", "--at", "2026-01-25T15:00:00Z"])

        let report = try DecisionTests.report(l)
        let first = try #require(report.lines.first { $0.kind == "trade" && $0.condorID == id })
        #expect(first.contracts == 1 && first.fixedExit == "take-profit 2026-01-20")
        #expect(first.fixedPnL == 560 && first.alvhPnL == 600 && first.edge == 40)
        let split = try #require(report.lines.first { $0.kind == "trade" && $0.condorID == newID })
        #expect(split.contracts == 1 && split.fixedExit == "take-profit 2026-01-20" && split.fixedChoice == "open at credit 10")
        #expect(split.fixedPnL == 560 && split.alvhPnL == 300 && split.edge == -260)
        let roll = try #require(report.lines.first { $0.kind == "roll" && $0.condorID == newID })
        #expect(roll.fixedPnL == 1560 && roll.alvhPnL == 1300 && roll.edge == -260)
        // Scoped to the new condor alone, its trade still starts at the first condor's opening.
        let scoped = try DecisionReport.build(store: l.store, rule: try FixedRule(), condor: newID)
        #expect(scoped.lines.first { $0.kind == "trade" }?.fixedPnL == 560)
    }
}
