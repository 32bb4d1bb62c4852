import Foundation
import Ledger

/// Runs the fixed rule forward over the recorded marks from a starting position and says where it
/// exits and at what value. Counterfactual trades pay no fees.
///
/// At the stop with `atStop == .roll`, the path buys the condor back at the mark and sells the same
/// structure (same wing widths and short distance) re-centred on the index (strikes rounded to 5
/// points, 1 for XSP) 28 days beyond max(expiry, the mark's date), for its value at that mark
/// (quotes or model), then keeps applying the rule with that credit; after three rolls it closes.
/// At expiry it settles at the ledger's recorded settlement level for that expiry when there is
/// one, else at the index of the first mark at or after the settlement instant; when the marks end
/// first, the path is valued at the last mark (`open`).
public struct FixedRulePath: Sendable {
    public var rule: FixedRule
    public var valuer: CondorValuer

    public init(rule: FixedRule, valuer: CondorValuer) {
        self.rule = rule
        self.valuer = valuer
    }

    /// Where the path ended.
    public struct Outcome: Sendable, Hashable {
        /// Credits received less debits paid after the start, per unit, including the exit (or the
        /// value at the last mark when still open).
        public var cashPerUnit: Decimal
        public var exit: FixedRule.Verdict
        public var exitAt: Date?
        public var rolls: Int
        /// Which prices the path's values came from (nil when no value was needed).
        public var source: ValuationSource?
    }

    /// - Parameters:
    ///   - marks: every mark after the start, in market order (the path reads those it needs).
    ///   - settlements: recorded settlement levels by expiry.
    public func run(strikes start: IronCondorLegs, underlying: Underlying, credit: Decimal, marks: ArraySlice<MarketMark>,
                    settlements: [CalendarDate: Decimal]) -> Outcome {
        var strikes = start
        var credit = credit
        var cash: Decimal = 0
        var rolls = 0
        var sources: [ValuationSource] = []
        var last: (MarketMark, CondorValuer.Value)?
        for mark in marks {
            let settlement = LedgerDecider.settlementInstant(strikes.expiry, style: underlying.settlement)
            if mark.at >= settlement {
                let level = settlements[strikes.expiry] ?? (underlying == .xsp ? mark.spx / 10 : mark.spx)
                sources.append(.quotes)  // a recorded settlement level or index print
                cash -= strikes.settlementValue(at: level)
                return Outcome(cashPerUnit: cash, exit: .expiry, exitAt: settlement, rolls: rolls, source: ValuationSource.combining(sources))
            }
            let value = valuer.value(strikes, underlying: underlying, at: mark)
            last = (mark, value)
            let days = Self.days(from: CalendarDate(newYorkDateOf: mark.at), to: strikes.expiry)
            let verdict = rule.verdict(value: value.perUnit, credit: credit, daysToExpiry: days)
            switch verdict {
            case .hold, .expiry, .open:
                continue
            case .takeProfit, .stop, .time:
                sources.append(value.source)
                return Outcome(cashPerUnit: cash - value.perUnit, exit: verdict, exitAt: mark.at, rolls: rolls, source: ValuationSource.combining(sources))
            case .stopRoll:
                sources.append(value.source)
                cash -= value.perUnit
                guard rolls < 3, let next = rolled(strikes, underlying: underlying, at: mark) else {
                    return Outcome(cashPerUnit: cash, exit: .stop, exitAt: mark.at, rolls: rolls, source: ValuationSource.combining(sources))
                }
                let newCredit = valuer.value(next, underlying: underlying, at: mark)
                guard newCredit.perUnit > 0 else {
                    return Outcome(cashPerUnit: cash, exit: .stop, exitAt: mark.at, rolls: rolls, source: ValuationSource.combining(sources))
                }
                sources.append(newCredit.source)
                cash += newCredit.perUnit
                credit = newCredit.perUnit
                strikes = next
                rolls += 1
            }
        }
        if let settlementLevel = settlements[strikes.expiry], let lastMark = last?.0,
           lastMark.at < LedgerDecider.settlementInstant(strikes.expiry, style: underlying.settlement) {
            // Marks ended before expiry but the ledger recorded the settlement: settle there.
            cash -= strikes.settlementValue(at: settlementLevel)
            sources.append(.quotes)
            return Outcome(cashPerUnit: cash, exit: .expiry, exitAt: LedgerDecider.settlementInstant(strikes.expiry, style: underlying.settlement),
                           rolls: rolls, source: ValuationSource.combining(sources))
        }
        guard let (mark, value) = last else {
            return Outcome(cashPerUnit: cash, exit: .open, exitAt: nil, rolls: rolls, source: ValuationSource.combining(sources))
        }
        sources.append(value.source)
        return Outcome(cashPerUnit: cash - value.perUnit, exit: .open, exitAt: mark.at, rolls: rolls, source: ValuationSource.combining(sources))
    }

    /// The same structure re-centred on the index, 28 days further out.
    func rolled(_ s: IronCondorLegs, underlying: Underlying, at mark: MarketMark) -> IronCondorLegs? {
        let step: Decimal = underlying == .xsp ? 1 : 5
        let spot = underlying == .xsp ? mark.spx / 10 : mark.spx
        // A credit spread keeps its distance from the index: its short strike is moved as a condor's centre is.
        let centre = s.isIronCondor ? (s.shortPut! + s.shortCall!) / 2 : (s.shortPut ?? s.shortCall!)
        let shift = StrikeGrid.roundedStep(spot - centre, step: step)
        let expiry = max(s.expiry, CalendarDate(newYorkDateOf: mark.at)).adding(days: 28)
        guard (s.longPut ?? s.shortCall!) + shift > 0 else { return nil }
        return try? IronCondorLegs(expiry: expiry, longPut: s.longPut.map { $0 + shift }, shortPut: s.shortPut.map { $0 + shift },
                                   shortCall: s.shortCall.map { $0 + shift }, longCall: s.longCall.map { $0 + shift })
    }

    static func days(from: CalendarDate, to: CalendarDate) -> Int {
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        let a = utc.date(from: DateComponents(year: from.year, month: from.month, day: from.day))!
        let b = utc.date(from: DateComponents(year: to.year, month: to.month, day: to.day))!
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }
}

enum StrikeGrid {
    /// `value` rounded to the nearest multiple of `step` (half away from zero).
    static func roundedStep(_ value: Decimal, step: Decimal) -> Decimal {
        var units = value / step
        var rounded = Decimal()
        NSDecimalRound(&rounded, &units, 0, .plain)
        return rounded * step
    }
}
