import EventStore
import Finance
import Foundation
import Ledger
import Projections
import Testing
import TestSupport

/// Hand-checked condors, one per outcome, projected from real events in PostgreSQL. Every condor is
/// 1 lot SPX 4900/4950/5300/5350: both wings W = 50 wide, multiplier 100, so the maximum loss before
/// credit is 50 × 100 = 5,000 dollars.
@Suite("Positions and realized IRR", .serialized)
struct PositionsAndIRRTests {
    /// The worked example (take-profit). Credit 10.00 on 2026-01-02 commits
    /// 5,000 − 1,000 = 4,000; closing at 5.00 on 2026-01-31 returns 5,000 − 500 = 4,500.
    /// P&L +500; XIRR = (4500/4000)^(365/29) − 1 (29 calendar days).
    @Test func takeProfitWorkedExample() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("condor close", [id.uuidString, "--price", "5", "--fees", "0", "--reason", "take-profit", "--at", "2026-01-31T15:00:00Z"])
        let book = try l.book()
        let condor = try #require(book.condors.first)
        #expect(condor.status == .closed)
        #expect(condor.closeReason == .takeProfit)
        #expect(condor.realizedPnL == 500)
        #expect(condor.unrealizedPnL == nil)
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-4000, 4500])
        #expect(line.flows.map(\.date.description) == ["2026-01-02", "2026-01-31"])
        #expect(line.pnl == 500)
        let rate = try #require(line.outcome.rate)
        #expect(abs(rate - twoFlowRate(out: 4000, back: 4500, days: 29)) < 1e-9)
    }

    /// Stop at 2× credit: credit 10.00, bought back at 30.00 (a loss of 20.00 = 2 × credit).
    /// Flows: −4,000 on 01-02, +(5,000 − 3,000) = +2,000 on 01-20. P&L −2,000;
    /// XIRR = (2000/4000)^(365/18) − 1.
    @Test func stop() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("condor close", [id.uuidString, "--price", "30", "--fees", "0", "--reason", "stop", "--at", "2026-01-20T15:00:00Z"])
        let book = try l.book()
        #expect(book.condors[0].realizedPnL == -2000)
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-4000, 2000])
        #expect(abs(try #require(line.outcome.rate) - twoFlowRate(out: 4000, back: 2000, days: 18)) < 1e-9)
    }

    /// Roll then win. Credit 10.00 (commit −4,000). On 01-15 the put spread is rolled up to
    /// 4950/5000: closed for 8.00, reopened for 6.00 (net −2.00); the new widest wing is still 50, so
    /// the roll's flow is (50 − 8) × 100 − (50 − 6) × 100 = 4,200 − 4,400 = −200. Closed on 02-10
    /// at 2.00: +(50 − 2) × 100 = +4,800. P&L 10 − 2 − 2 = 6 points = +600 = −4,000 − 200 + 4,800.
    /// Roll chain: one link, cumulative credit 8.00.
    @Test func rollThenWin() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("condor roll", [id.uuidString, "--side", "put", "--long-put", "4950", "--short-put", "5000", "--close-price", "8",
                                  "--open-price", "6", "--fees", "0", "--at", "2026-01-15T15:00:00Z"])
        try l.run("condor close", [id.uuidString, "--price", "2", "--fees", "0", "--reason", "take-profit", "--at", "2026-02-10T15:00:00Z"])
        let book = try l.book()
        let condor = book.condors[0]
        #expect(condor.realizedPnL == 600)
        #expect(condor.cumulativeCredit == 8)
        #expect(condor.strikes.shortPut == 5000)
        #expect(book.rolls.map(\.cumulativeCredit) == [8])
        #expect(book.rolls.map(\.netCredit) == [-2])
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-4000, -200, 4800])
        #expect(line.pnl == 600)
        #expect(line.outcome.rate != nil)
    }

    /// Roll then loss, with a wider new wing. Credit 10.00 (−4,000). On 01-15 the call spread
    /// 5300/5350 is closed for 12.00 and 5400/5500 opened for 9.00: the widest wing becomes 100, so the
    /// roll releases (50 − 12) × 100 = 3,800 and commits (100 − 9) × 100 = 9,100: flow −5,300.
    /// Closed at 60.00 on 02-02: +(100 − 60) × 100 = +4,000. P&L 10 − 12 + 9 − 60 = −53 points
    /// = −5,300 = −4,000 − 5,300 + 4,000.
    @Test func rollThenLoss() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("condor roll", [id.uuidString, "--side", "call", "--short-call", "5400", "--long-call", "5500", "--close-price", "12",
                                  "--open-price", "9", "--fees", "0", "--at", "2026-01-15T15:00:00Z"])
        try l.run("condor close", [id.uuidString, "--price", "60", "--fees", "0", "--reason", "stop", "--at", "2026-02-02T15:00:00Z"])
        let book = try l.book()
        #expect(book.condors[0].realizedPnL == -5300)
        #expect(book.condors[0].cumulativeCredit == 7)
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-4000, -5300, 4000])
        #expect(line.pnl == -5300)
    }

    /// Expiry worthless: settlement 5100 sits between the shorts, value 0: +5,000 at expiry.
    /// P&L +1,000 (the whole credit); fees 1.50 at expiry make it +998.50.
    @Test func expiryWorthless() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("condor expire", [id.uuidString, "--settlement", "5100", "--fees", "1.50", "--at", "2026-03-20T21:00:00Z"])
        let book = try l.book()
        #expect(book.condors[0].status == .expired)
        #expect(book.condors[0].realizedPnL == Decimal(string: "998.5"))
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-4000, Decimal(string: "4998.5")!])
    }

    /// Expiry in the money: settlement 4920, the put spread is worth 4950 − 4920 = 30.00:
    /// +(50 − 30) × 100 = +2,000. P&L 1,000 − 3,000 = −2,000.
    @Test func expiryInTheMoney() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("condor expire", [id.uuidString, "--settlement", "4920", "--at", "2026-03-20T21:00:00Z"])
        let book = try l.book()
        #expect(book.condors[0].realizedPnL == -2000)
        #expect(IRRReport(book: book).lines(by: .condor).first?.flows.map(\.amount) == [-4000, 2000])
    }

    /// An open condor is left out of realized IRR and valued at the last mark for unrealized.
    /// Quotes for all four legs: mids 1.10 (4900P), 2.20 (4950P), 3.10 (5300C), 1.50 (5350C), so the
    /// debit to close is 2.20 + 3.10 − 1.10 − 1.50 = 2.70 and unrealized = 1,000 − 270 = 730.
    /// Unrealized IRR flows: −4,000 on 01-02, +(50 − 2.70) × 100 = +4,730 on 01-20.
    @Test func openCondorAtTheLastMark() throws {
        let l = try LedgerOnStore()
        _ = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("mark", ["--at", "2026-01-20T20:00:00Z", "--spx", "5100", "--vix", "16"].withQuotes([
            "2026-03-20 P 4900=1/1.2", "2026-03-20 P 4950=2/2.4", "2026-03-20 C 5300=3/3.2", "2026-03-20 C 5350=1.4/1.6"]))
        let book = try l.book()
        let condor = book.condors[0]
        #expect(condor.status == .open)
        #expect(condor.markValue == Decimal(string: "2.7"))
        #expect(condor.unrealizedPnL == 730)
        #expect(condor.valuation == .quotes)
        #expect(IRRReport(book: book).lines(by: .condor).isEmpty)
        let line = try #require(IRRReport(book: book, unrealized: true).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-4000, 4730])
        #expect(line.flows.last?.what == "mark")
    }

    /// Two portfolios share the ledger: "main" is traded live (feed `spx`), "bt1" is a backtest whose
    /// marks go to its own feed `bt-bt1`, later in market time. Each open condor is valued at its own
    /// feed: main at the live mark (debit 2.70 → unrealized 1,000 − 270 = 730), bt1 at its backtest
    /// mark (debit 2.20 + 3.10 − 1.10 − 1.50 + 1.00 (4950P 3.20 instead of 2.20) = 3.70 → 630). A
    /// live portfolio never takes a backtest's mark, even a later one; catch-up and replay agree.
    @Test func openCondorsAreValuedAtTheirOwnPortfoliosFeed() throws {
        let l = try LedgerOnStore()
        let live = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z", portfolio: "main")
        let backtest = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z", portfolio: "bt1")
        try l.run("mark", ["--feed", "spx", "--at", "2026-01-20T20:00:00Z", "--spx", "5100", "--vix", "16"].withQuotes([
            "2026-03-20 P 4900=1/1.2", "2026-03-20 P 4950=2/2.4", "2026-03-20 C 5300=3/3.2", "2026-03-20 C 5350=1.4/1.6"]))
        var book = try l.book()
        // Before the backtest has marks of its own, both are valued at the live mark.
        #expect(book.condors.first { $0.condorID == backtest }?.unrealizedPnL == 730)
        try l.run("mark", ["--feed", "bt-bt1", "--at", "2026-01-21T20:00:00Z", "--spx", "5050", "--vix", "18"].withQuotes([
            "2026-03-20 P 4900=1/1.2", "2026-03-20 P 4950=3/3.4", "2026-03-20 C 5300=3/3.2", "2026-03-20 C 5350=1.4/1.6"]))
        book = try l.book()
        let main = try #require(book.condors.first { $0.condorID == live })
        let bt = try #require(book.condors.first { $0.condorID == backtest })
        #expect(main.markAt == LedgerOnStore.instant("2026-01-20T20:00:00Z") && main.markValue == Decimal(string: "2.7") && main.unrealizedPnL == 730)
        #expect(bt.markAt == LedgerOnStore.instant("2026-01-21T20:00:00Z") && bt.markValue == Decimal(string: "3.7") && bt.unrealizedPnL == 630)
        // A later live mark moves main only.
        try l.run("mark", ["--feed", "spx", "--at", "2026-01-22T20:00:00Z", "--spx", "5100", "--vix", "16"].withQuotes([
            "2026-03-20 P 4900=1/1.2", "2026-03-20 P 4950=2/2.4", "2026-03-20 C 5300=2/2.2", "2026-03-20 C 5350=1.4/1.6"]))
        book = try l.book()
        #expect(book.condors.first { $0.condorID == live }?.unrealizedPnL == 830)
        #expect(book.condors.first { $0.condorID == backtest }?.unrealizedPnL == 630)
        let incremental = try l.dump()
        try l.projector.replay()
        #expect(try l.dump() == incremental)
    }

    /// Without quotes the mark is the model's (BSM at VIX with the skew): positive, below the wing,
    /// and said to be the model's; one quote of four makes it `mixed`.
    @Test func modelAndMixedValuation() throws {
        let l = try LedgerOnStore()
        _ = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("mark", ["--at", "2026-01-20T20:00:00Z", "--spx", "5100", "--vix", "16"])
        var condor = try l.book().condors[0]
        #expect(condor.valuation == .model)
        let value = try #require(condor.markValue)
        #expect(value > 0 && value < 50)
        try l.run("mark", ["--at", "2026-01-21T20:00:00Z", "--spx", "5100", "--vix", "16", "--quote", "2026-03-20 P 4950=2/2.4"])
        condor = try l.book().condors[0]
        #expect(condor.valuation == .mixed)
        #expect(condor.markAt == LedgerOnStore.instant("2026-01-21T20:00:00Z"))
    }

    /// A hedge layer protecting the condor: 2 VIX calls bought at 1.50 (fees 2.00): −302; sold at
    /// 4.00 (fees 2.00): +798; layer P&L +496. The condor's realized IRR line includes the layer's
    /// flows (its only protected condor: share 1), and so does the portfolio line.
    @Test func hedgeLayerFlowsJoinTheirCondor() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        let layer = UUID()
        try l.run("hedge add", ["--id", layer.uuidString, "--instrument", "VIX 2026-02-18 C 25", "--quantity", "2", "--price", "1.5",
                                "--fees", "2", "--protects", id.uuidString, "--at", "2026-01-10T15:00:00Z"])
        try l.run("hedge close", [layer.uuidString, "--price", "4", "--fees", "2", "--at", "2026-01-25T15:00:00Z"])
        try l.run("condor close", [id.uuidString, "--price", "5", "--fees", "0", "--reason", "take-profit", "--at", "2026-01-31T15:00:00Z"])
        let book = try l.book()
        #expect(book.layers[0].realizedPnL == 496)
        #expect(book.allocations.map(\.share) == [1])
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-4000, -302, 798, 4500])
        #expect(line.pnl == 996)
        // A portfolio's XIRR is per calendar period: one line per portfolio and month (or year).
        let month = IRRReport(book: book).lines(by: .month)
        #expect(month.map(\.key) == ["2026-01"] && month.map(\.portfolio) == ["main"])
        #expect(month.first?.pnl == 996)
        let year = IRRReport(book: book).lines(by: .year)
        #expect(year.map(\.key) == ["2026"] && year.first?.pnl == 996 && year.first?.outcome.rate == month.first?.outcome.rate)
    }

    /// Flows of one sign have no rate, and the report says so instead of inventing one.
    @Test func noRateIsReported() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        // Bought back at the full wing: returns 5,000 − 5,000 = 0, so the only flow is the −4,000.
        try l.run("condor close", [id.uuidString, "--price", "50", "--fees", "0", "--reason", "stop", "--at", "2026-01-20T15:00:00Z"])
        let line = try #require(IRRReport(book: try l.book()).lines(by: .condor).first)
        #expect(line.outcome == .noRate(.noSignChange))
        #expect(line.pnl == -4000)
    }
}

extension Array where Element == String {
    func withQuotes(_ quotes: [String]) -> [String] { self + quotes.flatMap { ["--quote", $0] } }
}

extension LedgerOnStore {
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
}
