import Finance
import Foundation
import Ledger
import Testing
@testable import Market

/// Issue 16 through the market model: a credit spread is valued by its two legs, a multi-leg hedge
/// layer by its legs netted, and the fixed rule's roll target keeps a spread one-sided.
struct OneSidedAndMultiLegTests {
    let condor = try! IronCondorLegs(expiry: date("2026-04-17"), longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350)
    let putSpread = try! IronCondorLegs(expiry: date("2026-04-17"), longPut: 4900, shortPut: 4950, shortCall: nil, longCall: nil)
    let callSpread = try! IronCondorLegs(expiry: date("2026-04-17"), longPut: nil, shortPut: nil, shortCall: 5300, longCall: 5350)

    /// The condor's value is its put spread's plus its call spread's (each rounded to the cent).
    @Test func aSpreadIsItsSideOfTheCondor() throws {
        let at = mark(date("2026-03-02"), spx: 5100, vix: 18, vix9d: 17, vix3m: 19.5)
        let model = MarketModel.standard
        let whole = model.value(condor, underlying: .spx, at: at).perUnit
        let puts = model.value(putSpread, underlying: .spx, at: at), calls = model.value(callSpread, underlying: .spx, at: at)
        #expect(puts.perUnit > 0 && calls.perUnit > 0 && puts.source == .model)
        #expect(abs(NSDecimalNumber(decimal: puts.perUnit + calls.perUnit - whole).doubleValue) <= 0.01)
        // Quotes for its two legs make it quoted.
        let quotes = [OptionQuote(expiry: putSpread.expiry, right: .put, strike: 4950, bid: decimal("10.1"), ask: decimal("10.5")),
                      OptionQuote(expiry: putSpread.expiry, right: .put, strike: 4900, bid: decimal("7.9"), ask: decimal("8.1"))]
        let quoted = model.value(putSpread, underlying: .spx, at: mark(date("2026-03-02"), spx: 5100, vix: 18, quotes: quotes))
        #expect(quoted.source == .quotes && quoted.perUnit == decimal("2.3"))  // 10.30 − 8.00
    }

    /// A spread's greeks are its two legs': the put spread's plus the call spread's are the condor's,
    /// and the side a spread lacks has delta 0.
    @Test func aSpreadsGreeksAreItsSideOfTheCondors() throws {
        let at = mark(date("2026-03-02"), spx: 5100, vix: 18, vix9d: 17, vix3m: 19.5)
        let model = MarketModel.standard
        let whole = try #require(model.risk(condor, underlying: .spx, contracts: 3, at: at, stopLevel: 6))
        let puts = try #require(model.risk(putSpread, underlying: .spx, contracts: 3, at: at, stopLevel: 6))
        let calls = try #require(model.risk(callSpread, underlying: .spx, contracts: 3, at: at, stopLevel: 6))
        #expect(puts.shortPutDelta == whole.shortPutDelta && puts.shortCallDelta == 0)
        #expect(calls.shortCallDelta == whole.shortCallDelta && calls.shortPutDelta == 0)
        let sum = puts.valuation.position + calls.valuation.position, expected = whole.valuation.position
        for (got, want) in [(sum.delta, expected.delta), (sum.gamma, expected.gamma), (sum.vega, expected.vega), (sum.theta, expected.theta),
                            (sum.volga, expected.volga), (sum.price, expected.price)] {
            #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(got) vs \(want)")
        }
        #expect(puts.valuation.position.delta > 0 && calls.valuation.position.delta < 0, "short put spread long delta, short call spread short")
        // The whole condor, worth both sides, reaches a 6-point stop at a lower flat vol than its put spread alone.
        guard case .volatility(let both)? = whole.volatilityBreakEven, case .volatility(let put)? = puts.volatilityBreakEven else {
            Issue.record("no break-even"); return
        }
        #expect(both < put)
    }

    /// A VIX call spread is long call minus short call, each Black-76 on the month's VX future.
    @Test func aCallSpreadLayerNetsItsLegs() throws {
        let fills = [try HedgeLegFill(spec: "VIX 2026-04-15 C 22=+2@1.15"), try HedgeLegFill(spec: "VIX 2026-04-15 C 30=-2@0.35")]
        let legs = try HedgeLegFill.layer(fills).legs
        let at = mark(date("2026-03-02"), spx: 5100, vix: 18, futures: [FuturesQuote(month: ContractMonth(iso: "2026-04")!, price: 21)])
        let model = MarketModel.standard
        let long = try #require(model.value(legs.legs[0].instrument, at: at)), short = try #require(model.value(legs.legs[1].instrument, at: at))
        let value = try #require(model.value(legs, at: at))
        #expect(value.perUnit == long.perUnit - short.perUnit && value.perUnit > 0 && value.source == .model)
        // A leg without a value (an ETP) leaves the layer unvalued.
        let mixed = HedgeLegs([HedgeLeg(instrument: .etp(.vxx), ratio: 1, price: 20), HedgeLeg(instrument: .etp(.uvxy), ratio: -1, price: 10)])
        #expect(model.value(mixed, at: at) == nil)
    }

    /// Rolled at the stop, a put spread stays a put spread: its short put moves to the index.
    @Test func theRollTargetOfASpreadIsASpread() throws {
        let at = mark(date("2026-03-02"), spx: 5102, vix: 18)
        let target = try #require(RollTarget.legs(putSpread, underlying: .spx, tenorDays: 30, at: at))
        #expect(target.shortPut == 5100 && target.longPut == 5050 && !target.hasCallSide)
    }
}
