import Foundation
import Testing
@testable import Finance

/// A credit spread is one side of an iron condor: its valuation is its two legs with their signs, and
/// a put spread plus a call spread at the same vols is the condor (`CondorTests` checks that one by hand).
@Suite("Credit spread")
struct CreditSpreadTests {
    static let market = CondorMarket(spot: 5000, timeYears: 30.0 / 365, rate: 0.045, dividendYield: 0.013)
    static let putSpread = try! CreditSpread(.put, longStrike: 4800, shortStrike: 4900, contracts: 2)
    static let callSpread = try! CreditSpread(.call, longStrike: 5150, shortStrike: 5100, contracts: 2)

    @Test("strikes on the wrong side of the short strike are refused")
    func invariants() {
        #expect(throws: FinanceError.self) { try CreditSpread(.put, longStrike: 4900, shortStrike: 4900) }
        #expect(throws: FinanceError.self) { try CreditSpread(.call, longStrike: 5000, shortStrike: 5100) }
        #expect(throws: FinanceError.self) { try CreditSpread(.put, longStrike: 4800, shortStrike: 4900, contracts: 0) }
        #expect(Self.putSpread.width == 100 && Self.callSpread.width == 50)
    }

    @Test("the two spreads add up to the iron condor, greek by greek")
    func sidesMakeTheCondor() throws {
        let condor = try IronCondor(longPut: 4800, shortPut: 4900, shortCall: 5100, longCall: 5150, contracts: 2)
        let vols = CondorLegVolatilities(longPut: 0.22, shortPut: 0.19, shortCall: 0.13, longCall: 0.12)
        let whole = try IronCondorAnalytics.valuation(of: condor, market: Self.market, volatilities: vols)
        let puts = try CreditSpreadAnalytics.valuation(of: Self.putSpread, market: Self.market, longVolatility: 0.22, shortVolatility: 0.19)
        let calls = try CreditSpreadAnalytics.valuation(of: Self.callSpread, market: Self.market, longVolatility: 0.12, shortVolatility: 0.13)
        let sum = puts.position + calls.position
        for (got, want) in [(sum.price, whole.position.price), (sum.delta, whole.position.delta), (sum.gamma, whole.position.gamma),
                            (sum.vega, whole.position.vega), (sum.theta, whole.position.theta), (sum.volga, whole.position.volga)] {
            #expect(abs(got - want) <= 1e-9 * max(1, abs(want)))
        }
        #expect(abs(puts.closingCost + calls.closingCost - whole.closingCost) < 1e-12)
        #expect(puts.unit.delta > 0 && calls.unit.delta < 0 && puts.unit.vega < 0 && calls.unit.vega < 0)
    }

    @Test("break-even volatility reaches the stop level; unreachable above the width")
    func breakEvenVolatility() throws {
        let result = try CreditSpreadAnalytics.breakEvenVolatility(of: Self.putSpread, market: Self.market, stopLevel: 20)
        guard case .volatility(let vol) = result else { Issue.record("got \(result)"); return }
        let cost = try CreditSpreadAnalytics.valuation(of: Self.putSpread, market: Self.market, longVolatility: vol, shortVolatility: vol).closingCost
        #expect(abs(cost - 20) < 1e-8)
        #expect(try CreditSpreadAnalytics.breakEvenVolatility(of: Self.putSpread, market: Self.market, stopLevel: 120) == .unreachable)
        let breached = CondorMarket(spot: 4850, timeYears: 2.0 / 365, rate: 0.045, dividendYield: 0.013)
        #expect(try CreditSpreadAnalytics.breakEvenVolatility(of: Self.putSpread, market: breached, stopLevel: 10) == .reachedAtAnyVolatility)
        #expect(throws: FinanceError.self) { try CreditSpreadAnalytics.breakEvenVolatility(of: Self.callSpread, market: Self.market, stopLevel: 0) }
    }
}
