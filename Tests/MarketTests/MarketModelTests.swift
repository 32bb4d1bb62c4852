import Finance
import Foundation
import Ledger
import Testing
@testable import Market

/// A mark at the close of `date` with `model`.
func mark(_ date: CalendarDate, spx: Decimal, vix: Decimal, vix9d: Decimal? = nil, vix3m: Decimal? = nil, futures: [FuturesQuote] = [],
          quotes: [OptionQuote] = [], model: MarketModel = .standard, feed: String = "test") -> MarketMark {
    MarketMark(eventID: UUID(), position: 0, at: MarketCalendar.closeInstant(date),
               observed: MarketObserved(feed: feed, spx: spx, vix: vix, vix9d: vix9d, vix3m: vix3m, futures: futures, quotes: quotes), model: model)
}

func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
func decimal(_ text: String) -> Decimal { DecimalParser.parse(text)! }

/// The market model's valuation, on hand-checkable cases and against the finance library it composes.
struct MarketModelTests {
    let legs = try! IronCondorLegs(expiry: date("2026-04-17"), longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350)

    /// A leg without a quote is Black-Scholes-Merton on the index at the skew's vol for the mark's
    /// levels, with the model's rate and dividend yield and t = seconds to the 16:00 settlement / (365 × 86,400).
    @Test func modelLegsAreBlackScholesMertonAtTheSkewedVolToTheSettlementInstant() throws {
        let at = mark(date("2026-03-02"), spx: 5100, vix: 18, vix9d: 17, vix3m: 19.5)
        let model = MarketModel.standard
        let t = (MarketCalendar.settlementInstant(legs.expiry, style: .pm).timeIntervalSince(at.at)) / (365 * 86_400)
        #expect(abs(t - (46.0 * 86_400 - 3_600) / (365 * 86_400)) < 1e-12, "46 calendar days close to close, less the hour New York springs forward")
        let forward = 5100 * exp((0.04 - 0.013) * t)
        func leg(_ right: Finance.OptionRight, _ k: Double) throws -> Double {
            let vol = try VolatilitySkew().volatility(levels: VolatilityLevels(vix9d: 17, vix: 18, vix3m: 19.5), strike: k, forward: forward, timeYears: t)
            return try BlackScholesMerton.price(right, spot: 5100, strike: k, timeYears: t, rate: 0.04, dividendYield: 0.013, volatility: vol)
        }
        let expected = try leg(.put, 4950) - leg(.put, 4900) + leg(.call, 5300) - leg(.call, 5350)
        let value = model.value(legs, underlying: .spxw, at: at)
        #expect(value.source == .model)
        #expect(value.perUnit == (try Money.cents(expected)))
        // XSP is written on a tenth of the index.
        let xsp = try IronCondorLegs(expiry: legs.expiry, longPut: 490, shortPut: 495, shortCall: 530, longCall: 535)
        let xspValue = model.value(xsp, underlying: .xsp, at: at)
        #expect(abs(NSDecimalNumber(decimal: xspValue.perUnit * 10 - value.perUnit).doubleValue) <= 0.06, "a tenth of the SPX condor, rounding apart")
    }

    @Test func recordedQuotesAreUsedLegByLegAndExpiryIsIntrinsic() throws {
        let quotes = [OptionQuote(expiry: legs.expiry, right: .put, strike: 4950, bid: decimal("10.1"), ask: decimal("10.5")),
                      OptionQuote(expiry: legs.expiry, right: .put, strike: 4900, bid: decimal("7.9"), ask: decimal("8.1")),
                      OptionQuote(expiry: legs.expiry, right: .call, strike: 5300, bid: 3, ask: decimal("3.2")),
                      OptionQuote(expiry: legs.expiry, right: .call, strike: 5350, bid: decimal("1.5"), ask: decimal("1.7"))]
        let quoted = MarketModel.standard.value(legs, underlying: .spxw, at: mark(date("2026-03-02"), spx: 5100, vix: 18, quotes: quotes))
        // (10.3 − 8.0) + (3.1 − 1.6) = 3.80
        #expect(quoted == CondorValue(perUnit: decimal("3.8"), source: .quotes))
        let mixed = MarketModel.standard.value(legs, underlying: .spxw, at: mark(date("2026-03-02"), spx: 5100, vix: 18, quotes: Array(quotes.prefix(2))))
        #expect(mixed.source == .mixed)
        // At the settlement instant: intrinsic, within 0 … widest wing.
        let settled = MarketModel.standard.value(legs, underlying: .spxw, at: mark(legs.expiry, spx: 4920, vix: 30))
        #expect(settled == CondorValue(perUnit: 30, source: .model))
        let crashed = MarketModel.standard.value(legs, underlying: .spxw, at: mark(legs.expiry, spx: 3000, vix: 80))
        #expect(crashed.perUnit == 50)
    }

    /// VIX options: Black-76 on the recorded future of the option's month, else the VIX→VIX3M curve.
    @Test func vixOptionsUseTheRecordedFutureElseTheCurve() throws {
        let model = MarketModel.standard
        // The curve: 31.5 days to the 09:30 settlement is half of the 63-day curve: 20 + (23 − 20) / 2.
        let expiry = date("2026-04-15")
        let at = MarketMark(eventID: UUID(), position: 0, at: MarketCalendar.settlementInstant(expiry, style: .am).addingTimeInterval(-31.5 * 86_400),
                            observed: MarketObserved(feed: "t", spx: 5000, vix: 20, vix3m: 23), model: model)
        let curve = model.vixForward(expiry: expiry, at: at)
        #expect(abs(curve.forward - 21.5) < 1e-12 && curve.source == .model)
        var withFuture = at
        withFuture.futures = [FuturesQuote(month: ContractMonth(iso: "2026-04")!, price: decimal("22.4"))]
        #expect(model.vixForward(expiry: expiry, at: withFuture).forward == 22.4)
        #expect(model.vixForward(expiry: expiry, at: withFuture).source == .quotes)
        let price = model.vixOption(.call, strike: 24, expiry: expiry, at: withFuture).price
        let expected = try Black76.price(.call, forward: 22.4, strike: 24, timeYears: 31.5 / 365, rate: 0.04, volatility: 0.9)
        #expect(abs(price - expected) < 1e-12)
        // Without VIX3M the future is VIX; after settlement the option is intrinsic.
        let flat = MarketMark(eventID: UUID(), position: 0, at: at.at, observed: MarketObserved(feed: "t", spx: 5000, vix: 20), model: model)
        #expect(model.vixForward(expiry: expiry, at: flat).forward == 20)
        let after = MarketMark(eventID: UUID(), position: 0, at: MarketCalendar.settlementInstant(expiry, style: .am),
                               observed: MarketObserved(feed: "t", spx: 5000, vix: 27), model: model)
        #expect(model.vixOption(.call, strike: 24, expiry: expiry, at: after).price == 3)
    }

    @Test func fillsAndFeesFollowTheExecutionModel() {
        let model = MarketModel.standard
        #expect(model.sellingCredit(mid: decimal("3.8")) == decimal("3.4"))
        #expect(model.buyingDebit(mid: decimal("3.8")) == decimal("4.2"))
        #expect(model.buyingDebit(mid: 0) == decimal("0.4"))
        #expect(model.condorFees(legs: 4, contracts: 3) == 12)
        #expect(model.condorFees(legs: 8, contracts: 1) == 8)
        #expect(model.vixBuyingPrice(mid: 1.234) == decimal("1.28"))
        #expect(model.vixBuyingPrice(mid: 0) == decimal("0.05"))
        #expect(model.vixSellingPrice(mid: 0.02) == 0)
        #expect(model.vixFees(contracts: 7) == 7)
        // Half-even rounding of fractional slippage: 3.80 − 4 × 0.125 = 3.30; 3.81 − 0.5 = 3.31.
        var params = MarketModelParameters.standard
        params.execution.slippagePerLeg = decimal("0.125")
        let fine = try! MarketModel(parameters: params)
        #expect(fine.sellingCredit(mid: decimal("3.81")) == decimal("3.31"))
        #expect(fine.buyingDebit(mid: decimal("3.8"), legs: 1) == decimal("3.92"))
    }

    /// The strike the model calls N-delta has |delta| closer to N than its grid neighbours.
    @Test func deltaStrikeSelectionPicksTheClosestGridStrike() throws {
        let at = mark(date("2026-03-02"), spx: 5000, vix: 15)
        let model = MarketModel.standard
        let expiry = date("2026-04-17")
        let t = model.timeYears(to: expiry, style: .pm, from: at.at)
        for (right, target) in [(Finance.OptionRight.put, 0.16), (.call, 0.16), (.put, 0.10), (.call, 0.25)] {
            let k = NSDecimalNumber(decimal: try model.strike(right, targetDelta: target, expiry: expiry, underlying: .spxw, at: at)).doubleValue
            #expect(k.truncatingRemainder(dividingBy: 5) == 0)
            #expect(right == .put ? k < 5000 : k > 5000)
            func miss(_ strike: Double) -> Double { abs(abs(model.delta(right, strike: strike, spot: 5000, timeYears: t, at: at)) - target) }
            #expect(miss(k) <= miss(k - 5) && miss(k) <= miss(k + 5), "\(right) \(target): \(k)")
        }
        #expect(throws: FinanceError.self) { try model.strike(.put, targetDelta: 0.16, expiry: date("2026-03-02"), underlying: .spxw, at: at) }
    }

    @Test func calendarDecisions() {
        #expect(MarketCalendar.spxExpiry(onOrAfter: date("2026-04-14")) == date("2026-04-17"))
        #expect(MarketCalendar.spxExpiry(onOrAfter: date("2026-04-17")) == date("2026-04-17"))
        #expect(MarketCalendar.vixOptionExpiry(onOrBefore: date("2026-04-14")) == date("2026-04-08"))
        #expect(MarketCalendar.vixOptionExpiry(onOrBefore: date("2026-04-15")) == date("2026-04-15"))
        #expect(MarketCalendar.daysToExpiry(date("2026-04-17"), from: date("2026-03-02")) == 46)
        #expect(MarketCalendar.closeInstant(date("2026-07-01")) == ISO8601DateFormatter().date(from: "2026-07-01T20:00:00Z"))
        #expect(MarketCalendar.settlementInstant(date("2026-01-16"), style: .am) == ISO8601DateFormatter().date(from: "2026-01-16T14:30:00Z"))
    }
}

/// The model's rounding to cents is `Money.cents` (half to even on the shortest decimal form), fast.
struct CentsTests {
    @Test func fastCentsEqualMoneyCents() throws {
        var random = SplitMix64(seed: 14)
        var values: [Double] = [0, -0.0, 2.675, 2.665, -0.125, 0.005, 0.015, 1e-9, 49.995, 123.456_789, -3.335]
        for _ in 0..<20_000 {
            let u = Double(random.next() >> 11) / 9_007_199_254_740_992
            values.append((u - 0.3) * 120)
            values.append(((u * 10_000).rounded() + 0.5) / 100)  // exact half cents
        }
        let legs = PricedLegs(try IronCondorLegs(expiry: date("2026-04-17"), longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350))
        let odd = PricedLegs(try IronCondorLegs(expiry: date("2026-04-17"), longPut: decimal("4900.125"), shortPut: 4950, shortCall: 5300, longCall: 5350))
        for value in values + [49.995, 49.994_999, 50.005, 49.9951, 0.004_9, -0.005, 0.005_1] {
            #expect(MarketModel.cents(value) == (try Money.cents(value)), "\(value)")
            for priced in [legs, odd] {
                let expected = min(max(try Money.cents(value), 0), priced.widestWing)
                #expect(MarketModel.cents(value, within: priced) == expected, "\(value) within \(priced.widestWing)")
            }
        }
    }
}
