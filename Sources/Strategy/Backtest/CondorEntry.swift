import Finance
import Foundation
import Ledger
import Market

/// The condor the backtest sells, at an entry and when the ALVH policy rolls: short strikes at the
/// target |delta| (`MarketModel.strike`) for the first SPX expiry at least `entryDaysToExpiry` days
/// out (`MarketCalendar.spxExpiry`), wings `wingWidth` points wide, sold at the model's selling
/// credit (mid less the slippage on four legs).
enum CondorEntry {
    static func fresh(at mark: MarketMark, parameters p: BacktestParameters) throws -> (legs: IronCondorLegs, credit: Decimal) {
        let model = mark.model
        let expiry = MarketCalendar.spxExpiry(onOrAfter: CalendarDate(mark.date.calendarDay.adding(days: p.entryDaysToExpiry)))
        let shortPut = try model.strike(.put, targetDelta: p.shortDelta, expiry: expiry, underlying: .spxw, at: mark)
        let shortCall = try model.strike(.call, targetDelta: p.shortDelta, expiry: expiry, underlying: .spxw, at: mark)
        let wing = Decimal(p.wingWidth)
        guard shortPut - wing > 0, shortPut < shortCall else {
            throw StrategyError.invalidInput(field: "strikes", rule: "no valid condor at SPX \(mark.spx) (short put \(shortPut), short call \(shortCall))")
        }
        let legs = try IronCondorLegs(expiry: expiry, longPut: shortPut - wing, shortPut: shortPut, shortCall: shortCall, longCall: shortCall + wing)
        let credit = model.sellingCredit(mid: model.value(legs, underlying: .spxw, at: mark).perUnit)
        guard credit > 0 else {
            throw StrategyError.invalidInput(field: "credit", rule: "the condor would sell for \(credit) after slippage")
        }
        return (legs, credit)
    }
}
