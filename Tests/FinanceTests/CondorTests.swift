import Foundation
import Testing
@testable import Finance

@Suite("Iron condor")
struct CondorTests {
    static let condor = try! IronCondor(longPut: 4800, shortPut: 4900, shortCall: 5100, longCall: 5150, contracts: 2)
    static let market = CondorMarket(spot: 5000, timeYears: 30.0 / 365, rate: 0.045, dividendYield: 0.013)

    @Test("max profit/loss and break-evens, hand-checked")
    func limits() {
        let c = Self.condor
        #expect(c.maxProfit(credit: 12.5) == 12.5 && c.dollars(c.maxProfit(credit: 12.5)) == 2500)
        // Wider wing 100 (put side) − 12.5.
        #expect(c.maxLoss(credit: 12.5) == 87.5 && c.dollars(87.5) == 17_500)
        #expect(c.breakEvens(credit: 12.5) == (lower: 4887.5, upper: 5112.5))
        #expect(c.settlementValue(at: 5000) == 0)
        #expect(c.settlementValue(at: 4850) == 50 && c.profitAtExpiry(credit: 12.5, index: 4850) == -37.5)
        #expect(c.settlementValue(at: 4700) == 100 && c.settlementValue(at: 5200) == 50)
        #expect(c.profitAtExpiry(credit: 12.5, index: 4887.5) == 0 && c.profitAtExpiry(credit: 12.5, index: 5112.5) == 0)
    }

    @Test("legs out of order are refused naming the leg")
    func invariants() {
        for (lp, sp, sc, lc, field) in [(4900.0, 4900.0, 5100.0, 5150.0, "long_put"), (4800, 5100, 5100, 5150, "short_put"),
                                        (4800, 4900, 5100, 5050, "long_call")] {
            do {
                _ = try IronCondor(longPut: lp, shortPut: sp, shortCall: sc, longCall: lc)
                Issue.record("accepted \(lp) \(sp) \(sc) \(lc)")
            } catch let error as FinanceError {
                #expect(error.field == field)
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(throws: FinanceError.self) { try IronCondor(longPut: 1, shortPut: 2, shortCall: 3, longCall: 4, contracts: 0) }
    }

    @Test("valuation sums the legs with their signs; a short condor is short vega and gamma at the centre")
    func valuation() throws {
        let vols = CondorLegVolatilities(longPut: 0.22, shortPut: 0.19, shortCall: 0.13, longCall: 0.12)
        let v = try IronCondorAnalytics.valuation(of: Self.condor, market: Self.market, volatilities: vols)
        let m = Self.market
        func leg(_ right: OptionRight, _ k: Double, _ vol: Double) throws -> Double {
            try BlackScholesMerton.price(right, spot: m.spot, strike: k, timeYears: m.timeYears, rate: m.rate, dividendYield: m.dividendYield, volatility: vol)
        }
        let expected = try leg(.put, 4900, 0.19) - leg(.put, 4800, 0.22) + leg(.call, 5100, 0.13) - leg(.call, 5150, 0.12)
        #expect(abs(v.closingCost - expected) < 1e-12)
        #expect(v.closingCost > 0 && v.closingCost < 100)
        #expect(v.unit.vega < 0 && v.unit.gamma < 0 && v.unit.theta > 0)
        #expect(abs(v.position.vega - v.unit.vega * 200) < 1e-9 && abs(v.position.price + v.closingCost * 200) < 1e-9)
    }

    @Test("break-even volatility reaches the stop level; unreachable and already-reached cases")
    func breakEvenVolatility() throws {
        let stop = 25.0
        let result = try IronCondorAnalytics.breakEvenVolatility(of: Self.condor, market: Self.market, stopLevel: stop)
        guard case .volatility(let vol) = result else { Issue.record("got \(result)"); return }
        let cost = IronCondorAnalytics.closingCost(Self.condor, Self.market, flat: vol)
        #expect(abs(cost - stop) < 1e-8)
        #expect(IronCondorAnalytics.closingCost(Self.condor, Self.market, flat: vol * 0.99) < stop)
        // The closing cost can never exceed the discounted wider wing (100).
        #expect(try IronCondorAnalytics.breakEvenVolatility(of: Self.condor, market: Self.market, stopLevel: 150) == .unreachable)
        let breached = CondorMarket(spot: 4850, timeYears: 2.0 / 365, rate: 0.045, dividendYield: 0.013)
        #expect(try IronCondorAnalytics.breakEvenVolatility(of: Self.condor, market: breached, stopLevel: 10) == .reachedAtAnyVolatility)
        #expect(throws: FinanceError.self) {
            try IronCondorAnalytics.breakEvenVolatility(of: Self.condor, market: Self.market, stopLevel: -1)
        }
    }

    @Test("VIX skew on a condor's legs: the put wing above the call wing (the model's values: VolatilitySkewTests)")
    func skew() throws {
        let skew = VolatilitySkew()
        let legs = try CondorLegVolatilities(vix: 15, skew: skew, condor: Self.condor, market: Self.market)
        #expect(legs.longPut > legs.shortPut && legs.shortPut > legs.shortCall && legs.shortCall > legs.longCall)
    }
}

@Suite("Money")
struct MoneyTests {
    @Test("cents: banker's rounding on the shortest decimal form")
    func cents() throws {
        #expect(try Money.cents(2.675) == Decimal(string: "2.68"))
        #expect(try Money.cents(2.665) == Decimal(string: "2.66"))
        #expect(try Money.cents(-0.125) == Decimal(string: "-0.12"))
        #expect(try Money.cents(1e-5) == 0)
        #expect(try Money.cents(1234567.891) == Decimal(string: "1234567.89"))
        #expect(try Money.cents(0.1 + 0.2) == Decimal(string: "0.3"))
        #expect(try Money.rounded(1.23456, scale: 4) == Decimal(string: "1.2346"))
        #expect(throws: FinanceError.invalidInput(field: "amount", rule: "must be a finite number to become money (got nan)")) {
            try Money.cents(.nan)
        }
    }
}
