import Finance

/// One session's closes (index points): what the backtest records as a `MarketObserved` and prices from.
public struct MarketDay: Sendable, Hashable {
    public var date: CalendarDay
    public var spx: Double
    public var vix: Double
    public var vix3m: Double?
    public var vix9d: Double?

    public init(date: CalendarDay, spx: Double, vix: Double, vix3m: Double? = nil, vix9d: Double? = nil) {
        self.date = date
        self.spx = spx
        self.vix = vix
        self.vix3m = vix3m
        self.vix9d = vix9d
    }
}
