import Finance
import Ledger

/// One session's closes (index points): what the backtest records as a `MarketObserved` and prices from.
public struct MarketDay: Sendable, Hashable {
    public var date: CalendarDay
    public var spx: Double
    public var vix: Double
    public var vix3m: Double?
    public var vix9d: Double?
    /// The session's VIX futures settlements (`--vx`); nil: VIX options priced off the VIX/VIX3M curve model.
    public var vxCurve: VXCurve?

    public init(date: CalendarDay, spx: Double, vix: Double, vix3m: Double? = nil, vix9d: Double? = nil, vxCurve: VXCurve? = nil) {
        self.date = date
        self.spx = spx
        self.vix = vix
        self.vix3m = vix3m
        self.vix9d = vix9d
        self.vxCurve = vxCurve
    }

    /// The futures curve as the mark records it: one quote per contract month (the month of each
    /// rank's settlement date), prices rounded to 4 decimals; empty without a curve. A VIX option is
    /// then priced off the future of its expiry's month (`MarketModel.vixForward`).
    public func futuresQuotes() throws -> [FuturesQuote] {
        guard let curve = vxCurve else { return [] }
        return try zip(curve.expiries, curve.settlements).map { expiry, price in
            let month = ContractMonth(iso: String(expiry.description.prefix(7)))!
            return FuturesQuote(month: month, price: try Money.rounded(price, scale: 4))
        }
    }
}
