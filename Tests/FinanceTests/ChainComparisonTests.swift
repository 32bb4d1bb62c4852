import Foundation
import Testing
@testable import Finance

/// The chain comparison, the parity estimate and the fit on a chain priced by a known model: every
/// figure must come back exactly (the real chains are in CLITests/ChainFitTests).
@Suite("Chain comparison")
struct ChainComparisonTests {
    static let truth = VolatilitySkew(atmFactor: 0.82, atmTenorExponent: -0.05, moneynessTimeExponent: 0.25, putSlope: 4,
                                      putScale: 0.25, callSlope: 2.5, callScale: 0.1)
    static let levels = VolatilityLevels(vix9d: 14, vix: 16, vix3m: 18)
    static let (rate, dividend, spot) = (0.045, 0.014, 5000.0)

    /// Quotes 0.05 either side of the model price, CBOE-style deltas from the model.
    static func chain(_ skew: VolatilitySkew = truth) throws -> OptionChain {
        let quoteDate = CalendarDay(iso: "2024-01-05")!
        var chain = OptionChain(quoteDate: quoteDate, spot: spot, expiries: [])
        let terms = try VolatilityTermStructure(levels: levels)
        for (date, root) in [("2024-01-19", ChainRoot.spxw), ("2024-02-16", .spx), ("2024-02-16", .spxw), ("2024-03-15", .spxw)] {
            var expiry = ChainExpiry(expiry: CalendarDay(iso: date)!, root: root, strikes: [])
            let t = chain.timeYears(to: expiry), forward = spot * exp((rate - dividend) * t)
            for strike in stride(from: 4000.0, through: 6000, by: 5) {
                func side(_ right: OptionRight) -> OptionQuoteSide {
                    let vol = skew.volatility(terms: terms, logMoneyness: log(strike / forward), timeYears: t)
                    let g = BlackScholesMerton.uncheckedGreeks(right, spot: spot, strike: strike, timeYears: t, rate: rate, dividendYield: dividend, volatility: vol)
                    return OptionQuoteSide(bid: max(g.price - 0.05, 0), ask: g.price + 0.05, impliedVolatility: vol, delta: g.delta)
                }
                expiry.strikes.append(ChainStrike(strike: strike, call: side(.call), put: side(.put)))
            }
            chain.expiries.append(expiry)
        }
        return chain
    }

    @Test("time to expiry: from the quote session's close to the PM close or the AM opening; SPXW preferred")
    func timing() throws {
        let chain = try Self.chain()
        #expect(chain.preferredExpiries.map(\.root) == [.spxw, .spxw, .spxw])
        let am = chain.expiries[1], pm = chain.expiries[2]
        #expect(abs(chain.timeYears(to: pm) - 42.0 / 365) < 1e-12)
        #expect(abs(chain.timeYears(to: am) - (42.0 - 6.5 / 24) / 365) < 1e-12)
        #expect(chain.daysToExpiry(pm) == 42)
    }

    @Test("a chain priced by the model: credits equal, real IVs equal the model's, condors meet the targets")
    func selfConsistent() throws {
        let chain = try Self.chain()
        let comparison = ChainComparison(inputs: .init(skew: Self.truth, levels: Self.levels, rate: Self.rate, dividendYield: Self.dividend))
        let expiries = try comparison.compare(chain, days: 7...70)
        #expect(expiries.map(\.daysToExpiry) == [14, 42, 70])
        for e in expiries {
            #expect(abs(try #require(e.condor.creditRatio) - 1) < 1e-9)
            #expect(e.condor.shortPut - e.condor.longPut == 50 && e.condor.longCall - e.condor.shortCall == 50)
            #expect(e.meetsTargets() == true)
            for leg in e.legs {
                #expect(leg.listed)
                #expect(abs(try #require(leg.realVolatility) - leg.modelVolatility) < 1e-7)
                #expect(abs(try #require(leg.realDelta) - leg.modelDelta) < 1e-12)
                #expect(abs(abs(leg.modelDelta) - leg.targetDelta!) < 0.02)
            }
        }
        // A model 20 % richer on every leg is more than 15 % off the real credit.
        var rich = Self.truth
        rich.atmFactor *= 1.2
        let off = try ChainComparison(inputs: .init(skew: rich, levels: Self.levels, rate: Self.rate, dividendYield: Self.dividend)).compare(chain, days: 7...70)
        #expect(off.allSatisfy { $0.meetsTargets() == false })
    }

    @Test("put-call parity recovers the rate and dividend yield the chain was priced with")
    func parity() throws {
        let parity = ChainParity(try Self.chain())
        #expect(parity.estimates.count == 3)
        for estimate in parity.estimates {
            #expect(abs(estimate.rate - Self.rate) < 1e-9)
            #expect(abs(estimate.dividendYield - Self.dividend) < 1e-9)
        }
        #expect(abs(try #require(parity.medianRate) - Self.rate) < 1e-9)
    }

    @Test("the fit recovers a chain priced by the model from the fixed start")
    func fitRecovers() throws {
        let samples = try SkewFit.samples(try Self.chain(), levels: Self.levels, rate: Self.rate, dividendYield: Self.dividend)
        #expect(samples.count == 3)
        #expect(SkewFit.loss(Self.truth, samples) < 1e-12)
        let result = try SkewFit.fit(samples)
        #expect(result.startLoss > 1e-3)
        #expect(result.loss < 1e-6, "loss \(result.loss), parameters \(result.skew.parameters)")
        let terms = try VolatilityTermStructure(levels: Self.levels)
        for k in [-0.10, -0.05, 0, 0.03] {
            let fitted = result.skew.volatility(terms: terms, logMoneyness: k, timeYears: 30.0 / 365)
            let truth = Self.truth.volatility(terms: terms, logMoneyness: k, timeYears: 30.0 / 365)
            #expect(abs(fitted / truth - 1) < 0.01)
        }
        #expect(throws: FinanceError.self) { try SkewFit.fit([]) }
    }
}
