import Ledger
import Finance
import Foundation
import Ledger
import Testing
@testable import Strategy

/// The advisor's branches on constructed market states. A 1-lot SPX condor sold 45 days out at
/// 16-delta shorts with 50-point wings when SPX was 5000 and VIX 15; the states below move SPX
/// toward the short put and VIX up, and vary only the signal that selects the branch.
struct AdvisorTests {
    let pricer = CondorPricer()
    let advisor = ALVHAdvisor()

    /// The condor as sold: strikes from the pricer, credit = the model mark at the sale.
    func soldCondor() throws -> (strikes: [Double], credit: Double) {
        let shortPut = try pricer.strike(.put, targetDelta: 0.16, spot: 5000, vix: 15, days: 45)
        let shortCall = try pricer.strike(.call, targetDelta: 0.16, spot: 5000, vix: 15, days: 45)
        let sold = try pricer.snapshot(longPut: shortPut - 50, shortPut: shortPut, shortCall: shortCall, longCall: shortCall + 50,
                                       contracts: 1, credit: 1, spot: 5000, vix: 15, days: 45)
        return ([shortPut - 50, shortPut, shortCall, shortCall + 50], sold.mark)
    }

    /// The same condor 15 days later after a sell-off to `spot` with VIX at `vix`.
    func stressed(spot: Double = 4800, vix: Double = 24, rolls: Int = 0, deferredAgo: Int? = nil) throws -> CondorSnapshot {
        let (k, credit) = try soldCondor()
        return try pricer.snapshot(longPut: k[0], shortPut: k[1], shortCall: k[2], longCall: k[3], contracts: 1, credit: credit,
                                   spot: spot, vix: vix, days: 30, rolls: rolls, sessionsSinceDeferral: deferredAgo)
    }

    @Test func soldCondorIsSensible() throws {
        let (k, credit) = try soldCondor()
        #expect(k[1] < 5000 && k[2] > 5000)
        #expect(credit > 0.5 && credit < 25, "a 16-delta 50-wide SPX condor at VIX 15 sells for a few points, got \(credit)")
        let calm = try pricer.snapshot(longPut: k[0], shortPut: k[1], shortCall: k[2], longCall: k[3], contracts: 1, credit: credit,
                                       spot: 5000, vix: 15, days: 45)
        #expect(abs(calm.shortPutDelta + 0.16) < 0.03 && abs(calm.shortCallDelta - 0.16) < 0.03)
        #expect(calm.valuation.unit.vega < 0, "a short condor loses when vol rises")
        #expect(calm.priceBreakEvens.lower == k[1] - credit && calm.priceBreakEvens.upper == k[2] + credit)
    }

    @Test func fixedRuleFollowsTheDesignDefinition() throws {
        let rule = try FixedRule(takeProfit: 0.5, stop: 1, exitDTE: 7)
        // Credit 2.00: take profit at ≤ 1.00, stop at ≥ 4.00, exit at ≤ 7 days.
        #expect(rule.explain(value: 1.00, credit: 2, daysToExpiry: 30).action == .takeProfit)
        #expect(rule.explain(value: 1.01, credit: 2, daysToExpiry: 30).action == .hold)
        #expect(rule.explain(value: 4.00, credit: 2, daysToExpiry: 30).action == .stop)
        #expect(rule.explain(value: 3.99, credit: 2, daysToExpiry: 30).action == .hold)
        #expect(rule.explain(value: 3.00, credit: 2, daysToExpiry: 7).action == .exitAtDaysToExpiry)
        #expect(FixedRule.standard.explain(value: 3.00, credit: 2, daysToExpiry: 1).action == .hold, "no time exit by default")
    }

    @Test func theAdvisorAndTheDecisionReviewReadTheSameRule() throws {
        // One FixedRule: the advisor's Double reading and the review's Decimal verdict agree at every mark.
        for rule in [FixedRule.standard, try FixedRule(takeProfit: 0.25, stop: 1.5, exitDTE: 10)] {
            for cents in stride(from: 0, through: 1200, by: 5) {
                for days in [0, 10, 30] {
                    let value = Decimal(cents) / 100
                    let review = rule.verdict(value: value, credit: 3, daysToExpiry: days)
                    let advisor = rule.explain(value: Double(cents) / 100, credit: 3, daysToExpiry: days).action
                    let expected: FixedRuleVerdict.Action = switch review {
                    case .takeProfit: .takeProfit
                    case .stop, .stopRoll: .stop
                    case .time: .exitAtDaysToExpiry
                    default: .hold
                    }
                    #expect(advisor == expected, "value \(value), \(days) days, \(rule.description)")
                }
            }
        }
    }

    @Test func regimeChangeByInvertedTermStructureRolls() throws {
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 21, vixMACDHistogram: [0.1, 0.2, 0.3], rsi: 60)
        let report = advisor.advise(condor: condor, layers: [], signals: signals)
        #expect(report.threat != nil, "short put delta \(condor.shortPutDelta) should be beyond 0.30")
        #expect(report.regime == .regimeChange)
        #expect(report.action == .roll(testedSide: .put))
        #expect(report.reasons.contains { $0.contains("term structure inverted") })
    }

    @Test func regimeChangeByMACDTurnWithHighRSIRolls() throws {
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 25, vixMACDHistogram: [-0.3, -0.1, 0.4], rsi: 74)
        let report = advisor.advise(condor: condor, layers: [], signals: signals)
        #expect(report.regime == .regimeChange)
        #expect(report.action == .roll(testedSide: .put))
        // The same turn with RSI 65 is not confirmed: noise.
        let unconfirmed = MarketSignals(spx: 4800, vix: 24, vix3m: 25, vixMACDHistogram: [-0.3, -0.1, 0.4], rsi: 65)
        #expect(advisor.regime(unconfirmed).0 == .noise)
    }

    @Test func regimeChangeClosesWhenRollsAreUsedUp() throws {
        let condor = try stressed(rolls: 2)
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 21)
        #expect(advisor.advise(condor: condor, layers: [], signals: signals).action == .close(reason: "alvh"))
    }

    @Test func noiseWithHedgePayingMoreThanTheRollDefersAndHedges() throws {
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 26, vixMACDHistogram: [0.5, 0.4, 0.2], rsi: 62)
        let report = advisor.advise(condor: condor, layers: [], signals: signals)
        #expect(report.regime == .noise)
        guard case .deferRoll(let layer?) = report.action else {
            Issue.record("expected defer+hedge, got \(report.action) — \(report.reasons)")
            return
        }
        #expect(layer.shockPayoff > report.rollCost)
        #expect(layer.quantity >= 1 && layer.purpose == .deferral && layer.tier == 2)
        // Sized to cover half the condor's shock loss (rounded up to whole contracts).
        let one = advisor.layerPlan(.deferral, quantity: 1, signals: signals).shockPayoff
        #expect(Double(layer.quantity) == (0.5 * report.condorShockLoss / one).rounded(.up))
        // Roll cost: 8 legs × (0.10 × 100 + 1.00) = 88 dollars for one lot.
        #expect(abs(report.rollCost - 88) < 1e-9)
        // A second look two sessions later: the deferral stands.
        let later = advisor.advise(condor: try stressed(deferredAgo: 2), layers: [], signals: signals)
        #expect(later.action == .hold)
    }

    @Test func noiseWithLayersAlreadyPayingDefersWithoutANewLayer() throws {
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 26)
        let held = HedgeLayerSnapshot(id: "L1", quantity: 3, strike: 27, daysToExpiry: 25, vixAtAdd: 24, sessionsHeld: 1)
        let report = advisor.advise(condor: condor, layers: [held], signals: signals)
        #expect(report.heldLayersShockPayoff > report.rollCost)
        #expect(report.action == .deferRoll(layer: nil))
    }

    @Test func noiseWithHedgePayingLessThanTheRollRolls() throws {
        // Wide markets: 3.00 points of slippage per leg makes the roll cost 8 × (300 + 1) = 2408
        // dollars, while one VIX call gains a few hundred in a +5 shock and the layer is capped at 1.
        var parameters = AdvisorParameters(slippagePerLeg: 3.0, maximumLayerContracts: 1)
        parameters.hedge.volatility = 0.9
        let advisor = ALVHAdvisor(parameters: parameters)
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 26)
        let report = advisor.advise(condor: condor, layers: [], signals: signals)
        #expect(report.regime == .noise)
        #expect(abs(report.rollCost - 2408) < 1e-9)
        #expect(advisor.layerPlan(.deferral, quantity: 1, signals: signals).shockPayoff < report.rollCost)
        #expect(report.action == .roll(testedSide: .put))
        #expect(report.reasons.contains { $0.contains("≤ roll cost") })
    }

    @Test func macroEventAheadAddsAProactiveLayer() throws {
        let (k, credit) = try soldCondor()
        let calm = try pricer.snapshot(longPut: k[0], shortPut: k[1], shortCall: k[2], longCall: k[3], contracts: 2, credit: credit,
                                       spot: 5010, vix: 15, days: 40)
        let before = MarketSignals(spx: 5010, vix: 15, vix3m: 17, sessionsToMacroEvent: 2, daysToMacroEvent: 2, macroEventKind: "CPI")
        let report = advisor.advise(condor: calm, layers: [], signals: before)
        #expect(report.threat == nil)
        #expect(report.action == .hold)
        let layer = try #require(report.proactiveLayer)
        #expect(layer.purpose == .proactive && layer.tier == 1)
        #expect(layer.quantity == 1, "0.5 contracts per condor contract × 2 = 1")
        #expect(report.reasons.contains { $0.contains("CPI in 2 session") })
        // Three sessions away: nothing yet. Already hedged: nothing new.
        var farther = before
        farther.sessionsToMacroEvent = 3
        #expect(advisor.advise(condor: calm, layers: [], signals: farther).proactiveLayer == nil)
        let held = HedgeLayerSnapshot(id: "L1", quantity: 1, strike: 19, daysToExpiry: 28, vixAtAdd: 14, sessionsHeld: 1)
        #expect(advisor.advise(condor: calm, layers: [held], signals: before).proactiveLayer == nil)
    }

    @Test func layersAreReducedWhenVIXFallsBackOrContangoReturns() {
        let signals = MarketSignals(spx: 5000, vix: 18, vix3m: 20)
        let fell = HedgeLayerSnapshot(id: "A", quantity: 4, strike: 27, daysToExpiry: 20, vixAtAdd: 25, termRatioAtAdd: 0.95, sessionsHeld: 5)
        let single = HedgeLayerSnapshot(id: "B", quantity: 1, strike: 27, daysToExpiry: 20, vixAtAdd: 25, sessionsHeld: 5)
        let fresh = HedgeLayerSnapshot(id: "C", quantity: 4, strike: 27, daysToExpiry: 20, vixAtAdd: 25, sessionsHeld: 1)
        let inverted = HedgeLayerSnapshot(id: "D", quantity: 3, strike: 20, daysToExpiry: 20, vixAtAdd: 17, termRatioAtAdd: 1.08, sessionsHeld: 3)
        let stillHigh = HedgeLayerSnapshot(id: "E", quantity: 3, strike: 20, daysToExpiry: 20, vixAtAdd: 17, termRatioAtAdd: 0.9, sessionsHeld: 3)
        let expiring = HedgeLayerSnapshot(id: "F", quantity: 3, strike: 20, daysToExpiry: 2, vixAtAdd: 17, sessionsHeld: 20)
        let actions = advisor.layerActions([fell, single, fresh, inverted, stillHigh, expiring], signals: signals)
        #expect(actions.count == 4)
        #expect(actions.contains { if case .reduce("A", 2, let why) = $0 { why.contains("back below") } else { false } })
        #expect(actions.contains { if case .close("B", _) = $0 { true } else { false } })
        #expect(actions.contains { if case .reduce("D", 1, let why) = $0 { why.contains("contango") } else { false } })
        #expect(actions.contains { if case .close("F", let why) = $0 { why.contains("expires") } else { false } })
        #expect(!actions.contains { $0.id == "C" || $0.id == "E" })
    }

    @Test func exitsThatDoNotReadTheRegime() throws {
        let (k, credit) = try soldCondor()
        // Ten days later, SPX unchanged and VIX down to 11: the condor is worth well under half the credit.
        let winner = try pricer.snapshot(longPut: k[0], shortPut: k[1], shortCall: k[2], longCall: k[3], contracts: 1, credit: credit,
                                         spot: 5000, vix: 11, days: 20)
        #expect(winner.mark <= 0.5 * credit)
        #expect(advisor.advise(condor: winner, layers: [], signals: MarketSignals(spx: 5000, vix: 11)).action == .close(reason: "take-profit"))
        // A crash through the whole put wing: mark ≥ 3× credit closes whatever the regime (here noise).
        let crashed = try pricer.snapshot(longPut: k[0], shortPut: k[1], shortCall: k[2], longCall: k[3], contracts: 1, credit: credit,
                                          spot: k[0] - 300, vix: 20, days: 10)
        #expect(crashed.mark >= 3 * credit)
        #expect(advisor.advise(condor: crashed, layers: [], signals: MarketSignals(spx: k[0] - 300, vix: 20, vix3m: 22)).action == .close(reason: "alvh"))
        // Five days left with SPX just above the short put (mark between take-profit and risk limit): closed for time.
        let late = try pricer.snapshot(longPut: k[0], shortPut: k[1], shortCall: k[2], longCall: k[3], contracts: 1, credit: credit,
                                       spot: k[1] + 10, vix: 15, days: 5)
        #expect(late.mark > 0.5 * credit && late.mark < 3 * credit)
        #expect(advisor.advise(condor: late, layers: [], signals: MarketSignals(spx: k[1] + 10, vix: 15)).action == .close(reason: "time"))
    }

    @Test func volgaEntersTheShockLoss() throws {
        let condor = try stressed()
        let d = 0.05
        let firstOrder = -condor.valuation.unit.vega * d * 100
        let loss = condor.shockLoss(volatilityPoints: 5)
        #expect(abs(loss - (firstOrder - 0.5 * condor.valuation.unit.volga * d * d * 100)) < 1e-9)
        #expect(loss > 0)
    }
}
