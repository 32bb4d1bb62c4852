import Foundation

/// The VIX futures curve at one day's settlement: VX1, VX2, … by rank (index points), each with the
/// settlement date of the contract that held the rank that day (`VXExpiry`).
public struct VXCurve: Sendable, Hashable {
    public var date: CalendarDay
    /// Settlements by rank, VX1 first, index points.
    public var settlements: [Double]
    /// The settlement date of each rank's contract, ascending.
    public var expiries: [CalendarDay]

    public init(date: CalendarDay, settlements: [Double], calendar: ExchangeCalendar = .nyse) {
        self.date = date
        self.settlements = settlements
        expiries = VXExpiry.settlements(after: date, count: settlements.count, calendar: calendar)
    }

    /// A curve of contracts with known settlement dates (`expiries`, ascending, each after `date`;
    /// `settlements` in the same order, index points): e.g. the futures a market mark recorded by month.
    public init(date: CalendarDay, settlements: [Double], expiries: [CalendarDay]) {
        self.date = date
        self.settlements = settlements
        self.expiries = expiries
    }

    /// The future for an option expiring on `expiry`, index points: the settlement of the contract
    /// expiring that day, else linear in calendar days between the contracts either side; before
    /// VX1's expiry, between `spot` (the VIX at the curve's date, which a future converges to at its
    /// expiry) and VX1. Nil for an expiry on or before the curve's date or after the last rank's.
    public func future(expiring expiry: CalendarDay, spot: Double) -> Double? {
        guard expiry > date, let last = expiries.last, expiry <= last else { return nil }
        var before = (day: date, value: spot)
        for (day, value) in zip(expiries, settlements) {
            if day == expiry { return value }
            if day > expiry {
                let span = Double(day.daysSinceEpoch - before.day.daysSinceEpoch)
                let weight = Double(expiry.daysSinceEpoch - before.day.daysSinceEpoch) / span
                return before.value + weight * (value - before.value)
            }
            before = (day, value)
        }
        return nil
    }
}
