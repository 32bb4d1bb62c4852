import Finance
import Foundation
import Ledger
import Market
import Testing
@testable import Strategy

/// The advisor's branches on constructed market states. A 1-lot SPX condor sold 45 days out at
/// 16-delta shorts with 50-point wings when SPX was 5000 and VIX 15; the states below move SPX
/// toward the short put and VIX up, and vary only the signal that selects the branch.
struct AdvisorTests {
    let model = MarketModel.standard
    let advisor = ALVHAdvisor()
    /// Sold on Monday 2026-03-02 at the close, expiring 45 days later; stressed 15 days later.
    let soldOn = CalendarDate(year: 2026, month: 3, day: 2)!
    var expiry: CalendarDate { CalendarDate(soldOn.calendarDay.adding(days: 45)) }
    var stressDay: CalendarDate { CalendarDate(soldOn.calendarDay.adding(days: 15)) }

    /// A mark at the close of `date` with these levels, valued with `model`.
    func mark(_ date: CalendarDate, spx: Double, vix: Double, vix3m: Double? = nil, model: MarketModel? = nil) -> MarketMark {
        func d(_ x: Double) -> Decimal { Decimal(string: String(format: "%.2f", x))! }
        return MarketMark(eventID: UUID(), position: 0, at: MarketCalendar.closeInstant(date),
                          observed: MarketObserved(feed: "test", spx: d(spx), vix: d(vix), vix3m: vix3m.map(d)), model: model ?? self.model)
    }

    /// The mark the signals describe, on the stress day.
    func mark(_ s: MarketSignals, model: MarketModel? = nil) -> MarketMark {
        mark(stressDay, spx: s.spx, vix: s.vix, vix3m: s.vix3m, model: model)
    }

    /// The condor as sold: strikes from the model, credit = the model's mid at the sale.
    func soldCondor() throws -> (strikes: IronCondorLegs, credit: Decimal) {
        let sale = mark(soldOn, spx: 5000, vix: 15)
        let shortPut = try model.strike(.put, targetDelta: 0.16, expiry: expiry, underlying: .spxw, at: sale)
        let shortCall = try model.strike(.call, targetDelta: 0.16, expiry: expiry, underlying: .spxw, at: sale)
        let legs = try IronCondorLegs(expiry: expiry, longPut: shortPut - 50, shortPut: shortPut, shortCall: shortCall, longCall: shortCall + 50)
        return (legs, model.value(legs, underlying: .spxw, at: sale).perUnit)
    }

    func snapshot(on date: CalendarDate, spot: Double, vix: Double, contracts: Int = 1, rolls: Int = 0, deferredAgo: Int? = nil) throws -> CondorSnapshot {
        let (k, credit) = try soldCondor()
        return try #require(CondorSnapshot(strikes: k, underlying: .spxw, contracts: contracts, credit: credit, at: mark(date, spx: spot, vix: vix),
                                           rolls: rolls, sessionsSinceDeferral: deferredAgo))
    }

    /// The same condor 15 days later (30 days left) after a sell-off to `spot` with VIX at `vix`.
    func stressed(spot: Double = 4800, vix: Double = 24, rolls: Int = 0, deferredAgo: Int? = nil) throws -> CondorSnapshot {
        try snapshot(on: stressDay, spot: spot, vix: vix, rolls: rolls, deferredAgo: deferredAgo)
    }

    func layer(_ id: String, quantity: Int, strike: Double, days: Int, vixAtAdd: Double, ratio: Double? = nil, held: Int) -> HedgeLayerSnapshot {
        HedgeLayerSnapshot(id: id, quantity: quantity, strike: strike, expiry: CalendarDate(stressDay.calendarDay.adding(days: days)),
                           daysToExpiry: days, vixAtAdd: vixAtAdd, termRatioAtAdd: ratio, sessionsHeld: held)
    }

    @Test func soldCondorIsSensible() throws {
        let (k, credit) = try soldCondor()
        #expect(k.shortPut! < 5000 && k.shortCall! > 5000)
        #expect(credit > 0.5 && credit < 25, "a 16-delta 50-wide SPX condor at VIX 15 sells for a few points, got \(credit)")
        let calm = try snapshot(on: soldOn, spot: 5000, vix: 15)
        #expect(abs(calm.shortPutDelta + 0.16) < 0.03 && abs(calm.shortCallDelta - 0.16) < 0.03)
        #expect(calm.valuation.unit.vega < 0, "a short condor loses when vol rises")
        #expect(calm.mark == NSDecimalNumber(decimal: credit).doubleValue, "the snapshot's mark is the ledger's value, cents")
        let c = NSDecimalNumber(decimal: credit).doubleValue
        #expect(calm.priceBreakEvens.lower == calm.shortPut - c && calm.priceBreakEvens.upper == calm.shortCall + c)
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
        let report = advisor.advise(condor: condor, layers: [], signals: signals, at: mark(signals))
        #expect(report.threat != nil, "short put delta \(condor.shortPutDelta) should be beyond 0.30")
        #expect(report.regime == .regimeChange)
        #expect(report.action == .roll(testedSide: .put))
        #expect(report.reasons.contains { $0.contains("term structure inverted") })
    }

    @Test func regimeChangeByMACDTurnWithHighRSIRolls() throws {
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 25, vixMACDHistogram: [-0.3, -0.1, 0.4], rsi: 74)
        let report = advisor.advise(condor: condor, layers: [], signals: signals, at: mark(signals))
        #expect(report.regime == .regimeChange)
        #expect(report.action == .roll(testedSide: .put))
        // The same turn with RSI 65 is not confirmed: noise.
        let unconfirmed = MarketSignals(spx: 4800, vix: 24, vix3m: 25, vixMACDHistogram: [-0.3, -0.1, 0.4], rsi: 65)
        #expect(advisor.regime(unconfirmed).0 == .noise)
    }

    @Test func regimeChangeClosesWhenRollsAreUsedUp() throws {
        let condor = try stressed(rolls: 2)
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 21)
        #expect(advisor.advise(condor: condor, layers: [], signals: signals, at: mark(signals)).action == .close(reason: "alvh"))
    }

    @Test func noiseWithHedgePayingMoreThanTheRollDefersAndHedges() throws {
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 26, vixMACDHistogram: [0.5, 0.4, 0.2], rsi: 62)
        let report = advisor.advise(condor: condor, layers: [], signals: signals, at: mark(signals))
        #expect(report.regime == .noise)
        guard case .deferRoll(let layer?) = report.action else {
            Issue.record("expected defer+hedge, got \(report.action) — \(report.reasons)")
            return
        }
        #expect(layer.shockPayoff > report.rollCost)
        #expect(layer.quantity >= 1 && layer.purpose == .deferral && layer.tier == 2)
        // Sized to cover half the condor's shock loss (rounded up to whole contracts).
        let one = advisor.layerPlan(.deferral, quantity: 1, at: mark(signals)).shockPayoff
        #expect(Double(layer.quantity) == (0.5 * report.condorShockLoss / one).rounded(.up))
        // Roll cost: 8 legs × (0.10 × 100 + 1.00) = 88 dollars for one lot.
        #expect(abs(report.rollCost - 88) < 1e-9)
        // A second look two sessions later: the deferral stands.
        let later = advisor.advise(condor: try stressed(deferredAgo: 2), layers: [], signals: signals, at: mark(signals))
        #expect(later.action == .hold)
    }

    @Test func noiseWithLayersAlreadyPayingDefersWithoutANewLayer() throws {
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 26)
        let held = layer("L1", quantity: 3, strike: 27, days: 25, vixAtAdd: 24, held: 1)
        let report = advisor.advise(condor: condor, layers: [held], signals: signals, at: mark(signals))
        #expect(report.heldLayersShockPayoff > report.rollCost)
        #expect(report.action == .deferRoll(layer: nil))
    }

    @Test func noiseWithHedgePayingLessThanTheRollRolls() throws {
        // Wide markets: a model with 3.00 points of slippage per leg makes the roll cost 8 × (300 + 1)
        // = 2408 dollars, while one VIX call gains a few hundred in a +5 shock and the layer is capped at 1.
        var wide = MarketModelParameters.standard
        wide.execution.slippagePerLeg = 3
        let model = try MarketModel(parameters: wide)
        let advisor = ALVHAdvisor(parameters: AdvisorParameters(maximumLayerContracts: 1))
        let condor = try stressed()
        let signals = MarketSignals(spx: 4800, vix: 24, vix3m: 26)
        let report = advisor.advise(condor: condor, layers: [], signals: signals, at: mark(signals, model: model))
        #expect(report.regime == .noise)
        #expect(abs(report.rollCost - 2408) < 1e-9)
        #expect(advisor.layerPlan(.deferral, quantity: 1, at: mark(signals, model: model)).shockPayoff < report.rollCost)
        #expect(report.action == .roll(testedSide: .put))
        #expect(report.reasons.contains { $0.contains("≤ roll cost") })
    }

    @Test func macroEventAheadAddsAProactiveLayer() throws {
        let calm = try snapshot(on: CalendarDate(soldOn.calendarDay.adding(days: 5)), spot: 5010, vix: 15, contracts: 2)
        let before = MarketSignals(spx: 5010, vix: 15, vix3m: 17, sessionsToMacroEvent: 2, daysToMacroEvent: 2, macroEventKind: "CPI")
        let report = advisor.advise(condor: calm, layers: [], signals: before, at: mark(before))
        #expect(report.threat == nil)
        #expect(report.action == .hold)
        let layer = try #require(report.proactiveLayer)
        #expect(layer.purpose == .proactive && layer.tier == 1)
        #expect(layer.quantity == 1, "0.5 contracts per condor contract × 2 = 1")
        #expect(report.reasons.contains { $0.contains("CPI in 2 session") })
        // Three sessions away: nothing yet. Already hedged: nothing new.
        var farther = before
        farther.sessionsToMacroEvent = 3
        #expect(advisor.advise(condor: calm, layers: [], signals: farther, at: mark(farther)).proactiveLayer == nil)
        let held = self.layer("L1", quantity: 1, strike: 19, days: 28, vixAtAdd: 14, held: 1)
        #expect(advisor.advise(condor: calm, layers: [held], signals: before, at: mark(before)).proactiveLayer == nil)
        // 0 contracts per condor contract turns proactive layers off (before, a plan's floor of one
        // contract bought one anyway, so the study's `proactive-contracts=0` equalled 0.5 on a 1-lot).
        var none = advisor.parameters
        none.proactiveContractsPerCondor = 0
        let off = ALVHAdvisor(parameters: none).advise(condor: calm, layers: [], signals: before, at: mark(before))
        #expect(off.proactiveLayer == nil && off.action == .hold)
        #expect(off.reasons.last == "hold")
    }

    @Test func layersAreReducedWhenVIXFallsBackOrContangoReturns() {
        let signals = MarketSignals(spx: 5000, vix: 18, vix3m: 20)
        let fell = layer("A", quantity: 4, strike: 27, days: 20, vixAtAdd: 25, ratio: 0.95, held: 5)
        let single = layer("B", quantity: 1, strike: 27, days: 20, vixAtAdd: 25, held: 5)
        let fresh = layer("C", quantity: 4, strike: 27, days: 20, vixAtAdd: 25, held: 1)
        let inverted = layer("D", quantity: 3, strike: 20, days: 20, vixAtAdd: 17, ratio: 1.08, held: 3)
        let stillHigh = layer("E", quantity: 3, strike: 20, days: 20, vixAtAdd: 17, ratio: 0.9, held: 3)
        let expiring = layer("F", quantity: 3, strike: 20, days: 2, vixAtAdd: 17, held: 20)
        let actions = advisor.layerActions([fell, single, fresh, inverted, stillHigh, expiring], signals: signals)
        #expect(actions.count == 4)
        #expect(actions.contains { if case .reduce("A", 2, let why) = $0 { why.contains("back below") } else { false } })
        #expect(actions.contains { if case .close("B", _) = $0 { true } else { false } })
        #expect(actions.contains { if case .reduce("D", 1, let why) = $0 { why.contains("contango") } else { false } })
        #expect(actions.contains { if case .close("F", let why) = $0 { why.contains("expires") } else { false } })
        #expect(!actions.contains { $0.id == "C" || $0.id == "E" })
    }

    @Test func exitsThatDoNotReadTheRegime() throws {
        let (k, decimalCredit) = try soldCondor()
        let credit = NSDecimalNumber(decimal: decimalCredit).doubleValue
        let longPut = NSDecimalNumber(decimal: k.longPut!).doubleValue, shortPut = NSDecimalNumber(decimal: k.shortPut!).doubleValue
        func day(_ left: Int) -> CalendarDate { CalendarDate(expiry.calendarDay.adding(days: -left)) }
        func advise(_ snapshot: CondorSnapshot, _ signals: MarketSignals, on date: CalendarDate) -> CondorAction {
            advisor.advise(condor: snapshot, layers: [], signals: signals, at: mark(date, spx: signals.spx, vix: signals.vix, vix3m: signals.vix3m)).action
        }
        // Twenty days left, SPX unchanged and VIX down to 11: the condor is worth well under half the credit.
        let winner = try snapshot(on: day(20), spot: 5000, vix: 11)
        #expect(winner.mark <= 0.5 * credit)
        #expect(advise(winner, MarketSignals(spx: 5000, vix: 11), on: day(20)) == .close(reason: "take-profit"))
        // A crash through the whole put wing: mark ≥ 3× credit closes whatever the regime (here noise).
        let crashed = try snapshot(on: day(10), spot: longPut - 300, vix: 20)
        #expect(crashed.mark >= 3 * credit)
        #expect(advise(crashed, MarketSignals(spx: longPut - 300, vix: 20, vix3m: 22), on: day(10)) == .close(reason: "alvh"))
        // Five days left with SPX just above the short put (mark between take-profit and risk limit): closed for time.
        let late = try snapshot(on: day(5), spot: shortPut + 10, vix: 15)
        #expect(late.mark > 0.5 * credit && late.mark < 3 * credit)
        #expect(advise(late, MarketSignals(spx: shortPut + 10, vix: 15), on: day(5)) == .close(reason: "time"))
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
