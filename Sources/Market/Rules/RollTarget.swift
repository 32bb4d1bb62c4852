import Foundation
import Ledger

/// Where the fixed rule rolls a condor at the stop: the same structure (both wing widths and the
/// distance between the shorts) re-centred so the middle of its short strikes sits at the index,
/// rounded to the strike grid (5 points; 1 for XSP), on the SPX expiry for the condor's own opening
/// tenor from the mark's date (`MarketCalendar.spxExpiry(onOrAfter: date + tenor)`). It needs only
/// the condor and the mark, so it is the same for a backtest's condor and for a live one whose
/// entry rule is unknown.
public enum RollTarget {
    /// The legs to roll to; nil when the re-centred long put would not be above 0.
    public static func legs(_ s: IronCondorLegs, underlying: Underlying, tenorDays: Int, at mark: MarketMark) -> IronCondorLegs? {
        let step: Decimal = underlying == .xsp ? 1 : 5
        let centre = (s.shortPut + s.shortCall) / 2
        let shift = roundedToStep(mark.index(for: underlying) - centre, step: step)
        let expiry = MarketCalendar.spxExpiry(onOrAfter: CalendarDate(mark.date.calendarDay.adding(days: max(tenorDays, 1))))
        guard s.longPut + shift > 0 else { return nil }
        return try? IronCondorLegs(expiry: expiry, longPut: s.longPut + shift, shortPut: s.shortPut + shift,
                                   shortCall: s.shortCall + shift, longCall: s.longCall + shift)
    }

    /// `value` rounded to the nearest multiple of `step` (half away from zero).
    static func roundedToStep(_ value: Decimal, step: Decimal) -> Decimal {
        var units = value / step
        var rounded = Decimal()
        NSDecimalRound(&rounded, &units, 0, .plain)
        return rounded * step
    }
}
