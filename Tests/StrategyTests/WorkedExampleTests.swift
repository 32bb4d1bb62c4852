import Finance
import Foundation
import Ledger
import Market
import Testing
@testable import Strategy

/// The worked example of the README and docs/advisor.md, computed: the numbers printed there are
/// these (the default market model, `MarketModelParameters.standard`).
struct WorkedExampleTests {
    static func mark(_ date: String, spx: Decimal, vix: Decimal, vix3m: Decimal? = nil) -> MarketMark {
        MarketMark(eventID: UUID(), position: 0, at: MarketCalendar.closeInstant(CalendarDate(iso: date)!),
                   observed: MarketObserved(feed: "example", spx: spx, vix: vix, vix3m: vix3m), model: .standard)
    }

    @Test func theWorkedExample() throws {
        // Sold at the close of Monday 2026-04-13 with SPX 5000, VIX 15, expiring 45 days later (2026-05-28).
        let sale = Self.mark("2026-04-13", spx: 5000, vix: 15)
        let expiry = CalendarDate(iso: "2026-05-28")!
        let model = MarketModel.standard
        let shortPut = try model.strike(.put, targetDelta: 0.16, expiry: expiry, underlying: .spxw, at: sale)
        let shortCall = try model.strike(.call, targetDelta: 0.16, expiry: expiry, underlying: .spxw, at: sale)
        let legs = try IronCondorLegs(expiry: expiry, longPut: shortPut - 50, shortPut: shortPut, shortCall: shortCall, longCall: shortCall + 50)
        let mid = model.value(legs, underlying: .spxw, at: sale).perUnit
        let credit = model.sellingCredit(mid: mid)
        #expect([legs.longPut, legs.shortPut, legs.shortCall, legs.longCall] == [4715, 4765, 5210, 5260])
        #expect(mid == Decimal(string: "12.02")! && credit == Decimal(string: "11.62")!, "sold at mid 12.02 less 4 × 0.10")
        // Fifteen days later (30 left): SPX 4800, VIX 24, VIX3M 26, MACD histogram falling, RSI 62.
        let later = Self.mark("2026-04-28", spx: 4800, vix: 24, vix3m: 26)
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 26, vixMACDHistogram: [0.5, 0.4, 0.2], rsi: 62)
        let snapshot = try #require(CondorSnapshot(strikes: legs, underlying: .spxw, contracts: 1, credit: credit, at: later, stopMultiple: 2))
        let report = ALVHAdvisor().advise(condor: snapshot, layers: [], signals: signals, at: later)
        let g = snapshot.valuation.position
        func cents(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        #expect(snapshot.mark == 15.51)
        #expect(cents(snapshot.shortPutDelta) == -0.42 && cents(g.vega / 100) == -65.50 && cents(g.volga / 10_000) == -1.14)
        #expect(report.fixed.action == .hold && report.fixed.text == "hold: mark 15.51 between 5.81 and 34.86")
        #expect(report.regime == .noise && cents(report.condorShockLoss) == 341.82 && report.rollCost == 88)
        let plan = try #require({ if case .deferRoll(let plan?) = report.action { plan } else { nil } }())
        #expect(plan.quantity == 1 && plan.strike == 27 && plan.expiry == CalendarDate(iso: "2026-05-27")! && plan.daysToExpiry == 29)
        #expect(cents(plan.price) == 1.69 && model.vixBuyingPrice(mid: plan.price) == Decimal(string: "1.74")! && cents(plan.shockPayoff) == 184.56)
        // With VIX3M 21 (VIX/VIX3M 1.14, inverted): a regime change, roll the put side out.
        let inverted = Self.mark("2026-04-28", spx: 4800, vix: 24, vix3m: 21)
        let regime = ALVHAdvisor().advise(condor: snapshot, layers: [], signals: MarketSignals(spx: 4800, vix: 24, vix3m: 21), at: inverted)
        #expect(regime.action == .roll(testedSide: .put))
    }
}
