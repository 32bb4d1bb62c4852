import Finance
import Foundation
import Ledger
import Testing
@testable import Market

/// The fixed rule's step on a 1-lot SPX 4900/4950/5300/5350 condor sold for 10.00 with $4.00 of
/// opening fees, 77-day tenor. Marks quote all four legs with only the 4950 put priced, so the
/// condor's value is that put's mid. Default rule: take profit at ≤ 5, stop at ≥ 30.
struct FixedRuleEngineTests {
    let legs = try! IronCondorLegs(expiry: date("2026-03-20"), longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350)
    var position: FixedRulePosition {
        FixedRulePosition(strikes: legs, underlying: .spx, contracts: 1, credit: 10, feesPerFourLegs: 4, tenorDays: 77)
    }

    func valued(_ value: String, on day: String = "2026-01-12", spx: Decimal = 5000) -> MarketMark {
        let quotes = [OptionQuote(expiry: legs.expiry, right: .put, strike: 4900, bid: 0, ask: 0),
                      OptionQuote(expiry: legs.expiry, right: .put, strike: 4950, bid: decimal(value), ask: decimal(value)),
                      OptionQuote(expiry: legs.expiry, right: .call, strike: 5300, bid: 0, ask: 0),
                      OptionQuote(expiry: legs.expiry, right: .call, strike: 5350, bid: 0, ask: 0)]
        return mark(date(day), spx: spx, vix: 30, quotes: quotes)
    }

    @Test func holdTakeProfitStopAndTimeExitAtTheModelsFillsWithTheCondorsOwnFees() throws {
        let engine = FixedRuleEngine(rule: .standard)
        #expect(engine.step(position, at: valued("12")) == .hold(value: CondorValue(perUnit: 12, source: .quotes)))
        #expect(engine.step(position, at: valued("5")) == .close(verdict: .takeProfit, value: CondorValue(perUnit: 5, source: .quotes),
                                                                 debit: decimal("5.4"), fees: 4))
        #expect(engine.step(position, at: valued("30")) == .close(verdict: .stop, value: CondorValue(perUnit: 30, source: .quotes),
                                                                  debit: decimal("30.4"), fees: 4))
        let timed = FixedRuleEngine(rule: try FixedRule(exitDTE: 21))
        #expect(timed.step(position, at: valued("12", on: "2026-02-27")) == .close(verdict: .time, value: CondorValue(perUnit: 12, source: .quotes),
                                                                                  debit: decimal("12.4"), fees: 4))
        #expect(timed.step(position, at: valued("12", on: "2026-02-26")) == .hold(value: CondorValue(perUnit: 12, source: .quotes)))
    }

    /// At the stop with `--at-stop roll`: buy back, sell the same structure re-centred on the index
    /// for the condor's own tenor, pay fees for eight legs; after three rolls the stop closes.
    @Test func aRollReCentresTheStructureAtTheCondorsTenorAndIsLimited() throws {
        let engine = FixedRuleEngine(rule: try FixedRule(atStop: .roll))
        let at = valued("31", spx: 4800)
        guard case let .roll(value, debit, next, credit, newValue, fees) = engine.step(position, at: at) else {
            Issue.record("expected a roll")
            return
        }
        #expect(value.perUnit == 31 && debit == decimal("31.4") && fees == 8)
        // Shorts' middle 5125 moves to the index 4800: −325; expiry the first Friday on or after 01-12 + 77 days = 03-30,
        // that is 04-03, Good Friday (the exchange is closed), so the Thursday before: 04-02.
        #expect(next == (try IronCondorLegs(expiry: date("2026-04-02"), longPut: 4575, shortPut: 4625, shortCall: 4975, longCall: 5025)))
        #expect(newValue.source == .model, "no quote for the new strikes")
        #expect(credit == at.model.sellingCredit(mid: newValue.perUnit) && credit > 0)
        let rolled = engine.rolled(position, to: next, credit: credit)
        #expect(rolled.credit == credit && rolled.rolls == 1 && rolled.strikes == next && rolled.feesPerFourLegs == 4)
        var spent = position
        spent.rolls = FixedRuleEngine.maximumRolls
        #expect(engine.step(spent, at: at) == .close(verdict: .stop, value: value, debit: debit, fees: 4))
        #expect(engine.settlementValue(position, level: 4930) == 20)
    }

    @Test func rollTargetsOnTheGrid() throws {
        let at = mark(date("2026-01-12"), spx: decimal("4812.6"), vix: 20)
        let target = try #require(RollTarget.legs(legs, underlying: .spx, tenorDays: 45, at: at))
        // 4812.6 − 5125 = −312.4 → −310 on the 5-point grid.
        #expect(target.shortPut == 4640 && target.shortCall == 4990 && target.longPut == 4590 && target.longCall == 5040)
        #expect(target.expiry == date("2026-02-27"))
        let xsp = try IronCondorLegs(expiry: date("2026-03-20"), longPut: 490, shortPut: 495, shortCall: 530, longCall: 535)
        let xspTarget = try #require(RollTarget.legs(xsp, underlying: .xsp, tenorDays: 45, at: at))
        #expect(xspTarget.shortPut == 464 && xspTarget.shortCall == 499, "XSP: a tenth of the index, 1-point grid (481.26 − 512.5 → −31)")
        #expect(RollTarget.legs(legs, underlying: .spx, tenorDays: 45, at: mark(date("2026-01-12"), spx: 100, vix: 20)) == nil, "no strike below 0")
    }
}
