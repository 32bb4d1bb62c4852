import EventStore
import Foundation
import Ledger
import Market
import Projections
import Testing
import TestSupport

/// Issue 16 in the projections, hand-checked against PostgreSQL: a credit spread closed in part and
/// legged into a condor, a partial roll, and a multi-leg hedge layer. W = 50 everywhere, multiplier 100.
@Suite("Real accounts in positions and IRR", .serialized)
struct AccountsProjectionTests {
    /// Put spread 4900/4950 ×2 at 10.00 (commit −(50 − 10) × 100 × 2 = −8,000); 1 closed at 5.00
    /// (+(50 − 5) × 100 = +4,500, capital released pro rata); the call side 5300/5350 sold for 4.00 on
    /// the one left (+400; the widest wing stays 50); closed at 6.00 (+4,400). P&L 1,300 = the flows' sum.
    @Test func aSpreadClosedInPartThenLeggedIn() throws {
        let l = try LedgerOnStore()
        let id = try l.run("condor open", ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900",
                                           "--short-put", "4950", "--contracts", "2", "--credit", "10", "--at", "2026-01-02T15:00:00Z"]).condorID!
        try l.run("condor close", [id.uuidString, "--contracts", "1", "--price", "5", "--at", "2026-01-20T15:00:00Z"])
        var book = try l.book()
        #expect(book.condors.first?.contracts == 1 && book.condors.first?.status == .open)
        #expect(book.condors.first?.strikes.strikesText == "4900/4950 put spread")
        try l.run("condor leg-in", [id.uuidString, "--short-call", "5300", "--long-call", "5350", "--credit", "4", "--at", "2026-01-25T15:00:00Z"])
        try l.run("condor close", [id.uuidString, "--price", "6", "--at", "2026-02-10T15:00:00Z"])
        book = try l.book()
        let condor = try #require(book.condors.first)
        #expect(condor.status == .closed && condor.realizedPnL == 1300 && condor.strikes.isIronCondor && condor.cumulativeCredit == 14)
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-8000, 4500, 400, 4400])
        #expect(line.pnl == 1300)
    }

    /// Iron condor ×2 at 10.00 (−8,000). One contract's put side rolled (close 8, open 6): it leaves
    /// with its half of the cash (1,000): +5,000 − 1,000 here, −5,000 + 1,000 on the new condor, whose
    /// roll flow is (50 − 8 − 50 + 6) × 100 = −200. Both closed at 2.00: +4,800 each. P&L 800 and 600.
    @Test func aPartialRollSplitsTheCommitment() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z", contracts: "2")
        let command = UUID()
        try l.run("condor roll", [id.uuidString, "--contracts", "1", "--side", "put", "--long-put", "4950", "--short-put", "5000",
                                  "--close-price", "8", "--open-price", "6", "--at", "2026-01-15T15:00:00Z", "--command-id", command.uuidString])
        let newID = EventIdentity.entityID(command: command, kind: "condor")
        try l.run("condor close", [id.uuidString, "--price", "2", "--at", "2026-02-10T15:00:00Z"])
        try l.run("condor close", [newID.uuidString, "--price", "2", "--at", "2026-02-10T15:00:00Z"])
        let book = try l.book()
        let rest = try #require(book.condors.first { $0.condorID == id }), rolled = try #require(book.condors.first { $0.condorID == newID })
        #expect(rest.realizedPnL == 800 && rolled.realizedPnL == 600 && rest.contracts == 1 && rolled.contracts == 1)
        #expect(rolled.strikes.strikesText == "4950/5000/5300/5350" && book.rolls.filter { $0.condorID == newID }.count == 1)
        let lines = IRRReport(book: book).lines(by: .condor)
        #expect(lines.first { $0.key == id.lowercasedString }?.flows.map(\.amount) == [-8000, 4000, 4800])
        #expect(lines.first { $0.key == newID.lowercasedString }?.flows.map(\.amount) == [-200, -4000, 4800])  // same day: ordered by what, roll before split
        // In the portfolio's month the split's two flows cancel: −8,000 − 200 + 9,600.
        #expect(IRRReport(book: book).lines(by: .month).map(\.pnl) == [1400])
    }

    /// Broken-wing iron condor 4850/4950/5300/5350 ×2 at 10.00: commit −(100 − 10) × 200 = −18,000.
    /// Its put side bought back at 3.00 (reason alvh): the widest wing falls from 100 to the call's 50,
    /// so +(100 − 50 − 3) × 200 = +9,400. The call spread left expires worthless: +50 × 200 = +10,000.
    /// P&L 1,400 = (10 − 3) × 200, the flows' sum; the side close is a decision.
    @Test func aSideClosedLeavesASpreadAndReleasesItsCommitment() throws {
        let l = try LedgerOnStore()
        let id = try l.run("condor open", ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4850",
                                           "--short-put", "4950", "--short-call", "5300", "--long-call", "5350", "--contracts", "2", "--credit", "10",
                                           "--at", "2026-01-02T15:00:00Z"]).condorID!
        try l.run("condor close", [id.uuidString, "--side", "put", "--price", "3", "--reason", "alvh", "--note", "put side tested",
                                   "--at", "2026-01-20T15:00:00Z"])
        var book = try l.book()
        var condor = try #require(book.condors.first)
        #expect(condor.status == .open && condor.contracts == 2 && condor.strikes.strikesText == "5300/5350 call spread" && condor.cumulativeCredit == 7)
        #expect(book.decisions.map(\.alvhChoice) == ["close the put side: put side tested"] && book.decisions.first?.kind == .close)
        try l.run("condor expire", [id.uuidString, "--settlement", "5100"])
        book = try l.book()
        condor = try #require(book.condors.first)
        #expect(condor.status == .expired && condor.realizedPnL == 1400)
        let line = try #require(IRRReport(book: book).lines(by: .condor).first)
        #expect(line.flows.map(\.amount) == [-18000, 9400, 10000] && line.pnl == 1400)
    }

    /// A VIX call spread layer (+2 C22 @ 1.15, −2 C30 @ 0.35: 2 units at 0.80, basis 160) valued at
    /// a mark by the market model: long call value − short call value per unit.
    @Test func aMultiLegLayerIsValuedLegByLeg() throws {
        let l = try LedgerOnStore()
        _ = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        try l.run("hedge add", ["--portfolio", "main", "--leg", "VIX 2026-02-18 C 22=+2@1.15", "--leg", "VIX 2026-02-18 C 30=-2@0.35",
                                "--at", "2026-01-02T16:00:00Z"])
        try l.run("mark", ["--at", "2026-01-05T21:00:00Z", "--spx", "5100", "--vix", "19", "--vx", "2026-02=21"])
        let layer = try #require(try l.book().layers.first)
        #expect(layer.instrumentKind == "multi-leg" && layer.legs.spec == "VIX 2026-02-18 C 22=+1; VIX 2026-02-18 C 30=-1")
        #expect(layer.quantity == 2 && layer.entryPrice == Decimal(string: "0.8")! && layer.costBasis == 160)
        let value = try #require(layer.markValue)
        #expect(value > 0 && value < 8)
        #expect(layer.unrealizedPnL == value * 100 * 2 - 160)
    }

    /// A layer mixing a VX future ($1,000 per point) with VIX calls ($100): +1 VX Feb at 18.25 and
    /// +2 C25 at 1.10 make 1 unit priced in dollars, 18,250 + 220 = 18,470. The future's notional is not
    /// paid: the layer commits the calls' premium (220) and one future's margin (10,000), −10,223 with
    /// fees 3. Marked with VX Feb at 19.50: the future's leg is worth 19,500, each call the model's value
    /// × 100. Closed at 19,800 per unit (fees 3): the commitment back with the gain, 10,220 + 1,330 − 3 =
    /// +11,547. P&L 1,324 = 19,800 − 18,470 − 6, the flows' sum.
    @Test func aLayerMixingFuturesAndOptionsCommitsMarginAndPremium() throws {
        let l = try LedgerOnStore()
        try l.run("portfolio add", ["main"])
        let added = try l.run("hedge add", ["--portfolio", "main", "--leg", "VX 2026-02=+1@18.25", "--leg", "VIX 2026-02-18 C 25=+2@1.10",
                                            "--fees", "3", "--at", "2026-01-02T16:00:00Z"])
        let id = try #require(added.layerID)
        try l.run("mark", ["--at", "2026-01-05T21:00:00Z", "--spx", "5100", "--vix", "19", "--vx", "2026-02=19.5"])
        var book = try l.book()
        var layer = try #require(book.layers.first)
        #expect(layer.multiplier == 1 && layer.quantity == 1 && layer.entryPrice == 18470 && layer.costBasis == 18473)
        let observed = MarketObserved(spx: 5100, vix: 19, futures: [FuturesQuote(month: ContractMonth(iso: "2026-02")!, price: Decimal(string: "19.5")!)])
        let mark = MarketMark(eventID: UUID(), position: 1, at: ISO8601DateFormatter().date(from: "2026-01-05T21:00:00Z")!, observed: observed,
                              model: .standard)
        let call = try #require(MarketModel.standard.value(.vixOption(expiry: CalendarDate(iso: "2026-02-18")!, right: .call, strike: 25), at: mark))
        #expect(layer.markValue == 19500 + 2 * call.perUnit * 100 && call.perUnit > 0)
        #expect(layer.unrealizedPnL == 19500 + 2 * call.perUnit * 100 - 18473)
        #expect(book.flows.filter { $0.ownerID == id }.map(\.amount) == [-10223])
        try l.run("hedge close", [id.uuidString, "--price", "19800", "--fees", "3", "--at", "2026-01-06T16:00:00Z"])
        book = try l.book()
        layer = try #require(book.layers.first)
        #expect(layer.status == .closed && layer.realizedPnL == 1324)
        let line = try #require(IRRReport(book: book).lines(by: .month).first)  // both flows in 2026-01
        #expect(line.flows.map(\.amount) == [-10223, 11547] && line.pnl == 1324)
    }
}
