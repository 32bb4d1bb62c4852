import Foundation
import Ledger

/// One session's VIX and term structure from a recorded mark.
public struct VolatilityPoint: Sendable, Hashable {
    public var date: CalendarDate
    public var vix: Decimal
    /// VIX3M when recorded.
    public var vix3m: Decimal?

    public init(date: CalendarDate, vix: Decimal, vix3m: Decimal?) {
        self.date = date
        self.vix = vix
        self.vix3m = vix3m
    }

    /// VIX / VIX3M (above 1 is backwardation); nil without VIX3M.
    public var ratio: Double? {
        guard let vix3m, vix3m > 0 else { return nil }
        return (vix as NSDecimalNumber).doubleValue / (vix3m as NSDecimalNumber).doubleValue
    }

    public var inverted: Bool { (ratio ?? 0) > 1 }
}
