import EventStore
import Foundation
import Ledger
import Projections
import Testing
import TestSupport

/// Hand-checked ALVH-versus-fixed-rule cases. Every condor is 1 lot SPX 4900/4950/5300/5350 sold for
/// 10.00 on 2026-01-02 (m = 100 dollars per point). Marks carry quotes for all four legs with only
/// the 4950 put priced, so the condor's value (debit to close) is exactly that put's mid.
/// Default rule: take profit at value ≤ 0.5 × 10 = 5, stop at value ≥ (1 + 2) × 10 = 30.
/// The feed's first mark records the default market model: the fixed path buys back at the value
/// + 0.10 slippage on each of four legs (+0.40) and pays the condor's own fees (opened with none: 0).
@Suite("Decisions: ALVH versus the fixed rule", .serialized)
struct DecisionTests {
    static func markWithValue(_ l: LedgerOnStore, _ value: String, at: String) throws {
        try l.run("mark", ["--at", at, "--spx", "5000", "--vix", "30"].withQuotes([
            "2026-03-20 P 4900=0/0", "2026-03-20 P 4950=\(value)/\(value)", "2026-03-20 C 5300=0/0", "2026-03-20 C 5350=0/0"]))
    }

    static func report(_ l: LedgerOnStore, rule: FixedRule? = nil) throws -> DecisionReport {
        try l.projector.catchUp()
        return try DecisionReport.build(store: l.store, rule: try rule ?? FixedRule())
    }

    /// A backtest's marks (feed `bt-other`, a crash that would stop the fixed rule out at 40) are
    /// interleaved in time with the live marks of a `main` condor: they change neither its decision
    /// lines nor its valuation, which follow the live feed only.
    @Test func anotherPortfoliosBacktestFeedDoesNotMoveALiveCondorsPaths() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try Self.markWithValue(l, "20", at: "2026-01-12T15:30:00Z")
        try l.run("condor defer", [id.uuidString, "--reason", "hold through the spike", "--at", "2026-01-12T16:00:00Z"])
        try Self.markWithValue(l, "12", at: "2026-01-20T15:30:00Z")
        try Self.markWithValue(l, "4", at: "2026-02-02T15:30:00Z")
        let before = try Self.report(l).lines
        let positionBefore = try #require(try l.book().condors.first)
        for (day, value) in [("13", "40"), ("21", "45"), ("28", "50")] {
            try l.run("mark", ["--feed", "bt-other", "--at", "2026-01-\(day)T15:30:00Z", "--spx", "4000", "--vix", "60"].withQuotes([
                "2026-03-20 P 4900=0/0", "2026-03-20 P 4950=\(value)/\(value)", "2026-03-20 C 5300=0/0", "2026-03-20 C 5350=0/0"]))
        }
        let after = try Self.report(l).lines
        #expect(after == before)
        #expect(after.first { $0.kind == "defer" }?.fixedExit == "take-profit 2026-02-02")
        let positionAfter = try #require(try l.book().condors.first)
        #expect(positionAfter.markValue == 4 && positionAfter.markAt == positionBefore.markAt)
    }

    /// The fixed rule stops out at 2× credit, ALVH deferred, hedged and won.
    /// 01-12 mark: value 31 ≥ 30, so the fixed rule closes there, buying back at 31.40: from the
    /// deferral its P&L is (31 − 31.40) × 100 = −40. ALVH deferred, bought 10 VIX calls at 1.00
    /// (−1,000), sold them at 2.50 on 01-20 (+2,500: layer +1,500), and closed the condor at 3.00 on
    /// 02-10: condor cash 1,000 − 300 = 700. From the deferral: 700 − (1,000 − 31 × 100) + 1,500 =
    /// 700 + 2,100 + 1,500 = +4,300; edge +4,340. Whole trade: fixed (10 − 31.40) × 100 = −2,140;
    /// ALVH 700 + 1,500 = 2,200; edge +4,340.
    @Test func fixedStopsOutButALVHDeferredHedgedAndWon() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try Self.markWithValue(l, "31", at: "2026-01-12T15:30:00Z")
        try l.run("condor defer", [id.uuidString, "--reason", "spike without term-structure inversion", "--at", "2026-01-12T16:00:00Z"])
        let layer = UUID()
        try l.run("hedge add", ["--id", layer.uuidString, "--instrument", "VIX 2026-02-18 C 25", "--quantity", "10", "--price", "1",
                                "--protects", id.uuidString, "--at", "2026-01-12T16:05:00Z"])
        try Self.markWithValue(l, "12", at: "2026-01-20T15:30:00Z")
        try l.run("hedge close", [layer.uuidString, "--price", "2.5", "--at", "2026-01-20T16:00:00Z"])
        try l.run("condor close", [id.uuidString, "--price", "3", "--reason", "take-profit", "--at", "2026-02-10T15:00:00Z"])

        let report = try Self.report(l)
        let deferral = try #require(report.lines.first { $0.kind == "defer" })
        #expect(deferral.fixedChoice.hasPrefix("stop: close"))
        #expect(deferral.fixedExit == "stop 2026-01-12")
        #expect(deferral.fixedPnL == -40)
        #expect(deferral.alvhPnL == 4300)
        #expect(deferral.edge == 4340)
        #expect(deferral.alvhValuation == "quotes")
        #expect(deferral.fixedValuation == "quotes")
        let add = try #require(report.lines.first { $0.kind == "layer-add" })
        #expect(add.edge == 4340)
        let trade = try #require(report.lines.first { $0.kind == "trade" })
        #expect(trade.fixedPnL == -2140)
        #expect(trade.alvhPnL == 2200)
        #expect(trade.edge == 4340)
        #expect(report.tradeTotals.edge == 4340)
        #expect(report.models.count == 1 && trade.models == [report.models[0].id], "the feed's recorded model valued it")
        #expect(report.models[0].parameters == .standard, "the default model, recorded with the feed's first mark")
    }

    /// ALVH's deferral lost money. 01-12 mark value 31: the fixed rule stops at 31.40 (P&L from
    /// there −40); ALVH deferred, the condor reached 45 on 01-20 and was bought back at 45:
    /// (1,000 − 4,500) − (1,000 − 3,100) = −3,500 + 2,100 = −1,400; edge −1,360.
    /// Whole trade: fixed −2,140, ALVH −3,500, edge −1,360.
    @Test func aDeferralThatLost() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try Self.markWithValue(l, "31", at: "2026-01-12T15:30:00Z")
        try l.run("condor defer", [id.uuidString, "--reason", "noise", "--at", "2026-01-12T16:00:00Z"])
        try Self.markWithValue(l, "45", at: "2026-01-20T15:30:00Z")
        try l.run("condor close", [id.uuidString, "--price", "45", "--reason", "stop", "--at", "2026-01-20T16:00:00Z"])

        let report = try Self.report(l)
        let deferral = try #require(report.lines.first { $0.kind == "defer" })
        #expect(deferral.fixedPnL == -40)
        #expect(deferral.alvhPnL == -1400)
        #expect(deferral.edge == -1360)
        let trade = try #require(report.lines.first { $0.kind == "trade" })
        #expect(trade.fixedPnL == -2140)
        #expect(trade.alvhPnL == -3500)
        #expect(trade.edge == -1360)
        #expect(report.tradeTotals.edge == -1360)
    }

    /// Take profit: the 01-10 mark values the condor at 4 ≤ 5, so the fixed rule takes profit there,
    /// buying back at 4.40: (10 − 4.40) × 100 = +560. ALVH closed on 01-15 at 6 (an ALVH close):
    /// 1,000 − 600 = +400; edge −160. The close decision starts from the 01-10 mark (value 4): fixed
    /// (4 − 4.40) × 100 = −40, ALVH 400 − (1,000 − 400) = −200. With --take-profit 0.8 (exit at value
    /// ≤ 2) the rule holds instead and, with no later mark, is valued at the last mark's mid:
    /// (10 − 4) × 100 = 600, `open`.
    @Test func takeProfitAndParameters() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try Self.markWithValue(l, "4", at: "2026-01-10T15:30:00Z")
        try l.run("condor close", [id.uuidString, "--price", "6", "--reason", "alvh", "--at", "2026-01-15T15:00:00Z"])

        var report = try Self.report(l)
        let close = try #require(report.lines.first { $0.kind == "close" })
        #expect(close.fixedChoice.hasPrefix("take profit"))
        #expect(close.fixedPnL == -40)
        #expect(close.alvhPnL == -200)
        var trade = try #require(report.lines.first { $0.kind == "trade" })
        #expect(trade.fixedExit == "take-profit 2026-01-10")
        #expect(trade.fixedPnL == 560)
        #expect(trade.alvhPnL == 400)
        #expect(trade.edge == -160)

        report = try Self.report(l, rule: try FixedRule(takeProfit: Decimal(string: "0.8")!))
        trade = try #require(report.lines.first { $0.kind == "trade" })
        #expect(trade.fixedExit == "open at last mark 2026-01-10")
        #expect(trade.fixedPnL == 600)
        #expect(report.lines.first { $0.kind == "close" }?.fixedChoice.hasPrefix("hold") == true)
    }

    /// Hold to expiry: the 01-10 mark (value 8) is between 5 and 30, so the rule holds; the ledger
    /// records the settlement at 5100 (value 0): fixed (10 − 0) × 100 = +1,000 = ALVH; edge 0.
    /// With --exit-dte 70 (the 01-10 mark is 69 days before 03-20) it exits there at 8.40: +160.
    @Test func expiryAndTimeExit() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try Self.markWithValue(l, "8", at: "2026-01-10T15:30:00Z")
        try l.run("condor expire", [id.uuidString, "--settlement", "5100", "--at", "2026-03-20T21:00:00Z"])

        var trade = try #require(try Self.report(l).lines.first { $0.kind == "trade" })
        #expect(trade.fixedExit == "expiry 2026-03-20")
        #expect(trade.fixedPnL == 1000)
        #expect(trade.edge == 0)
        trade = try #require(try Self.report(l, rule: try FixedRule(exitDTE: 70)).lines.first { $0.kind == "trade" })
        #expect(trade.fixedExit == "time 2026-01-10")
        #expect(trade.fixedPnL == 160)
    }

    /// At the stop with --at-stop roll the fixed path rolls (re-centred, 28 days out, priced by the
    /// model since no quote exists for the new strikes), so its valuation is mixed.
    @Test func stopThenRoll() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try Self.markWithValue(l, "31", at: "2026-01-12T15:30:00Z")
        try Self.markWithValue(l, "20", at: "2026-01-14T15:30:00Z")
        try l.run("condor close", [id.uuidString, "--price", "20", "--reason", "manual", "--at", "2026-01-14T16:00:00Z"])
        let trade = try #require(try Self.report(l, rule: try FixedRule(atStop: .roll)).lines.first { $0.kind == "trade" })
        #expect(trade.fixedExit.contains("after 1 roll"))
        #expect(trade.fixedValuation == "mixed")
        #expect(trade.fixedPnL != nil)
    }

    @Test func ruleParametersAreValidated() {
        #expect(throws: FixedRuleError.self) { try FixedRule(takeProfit: 0) }
        #expect(throws: FixedRuleError.self) { try FixedRule(takeProfit: Decimal(string: "1.5")!) }
        #expect(throws: FixedRuleError.self) { try FixedRule(stop: -1) }
        #expect(throws: FixedRuleError.self) { try FixedRule(exitDTE: -3) }
    }
}
