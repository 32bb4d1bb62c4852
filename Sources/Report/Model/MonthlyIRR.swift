import Foundation

/// Realized XIRR (act/365) of the positions that ended in one month.
public struct MonthlyIRR: Sendable, Hashable {
    /// YYYY-MM.
    public var month: String
    /// Annual rate as a fraction; nil when the flows have none.
    public var rate: Double?
    /// Why there is no rate, when there is none.
    public var noRate: String?
    /// Dollars.
    public var pnl: Decimal
    public var invested: Decimal

    public init(month: String, rate: Double?, noRate: String?, pnl: Decimal, invested: Decimal) {
        self.month = month
        self.rate = rate
        self.noRate = noRate
        self.pnl = pnl
        self.invested = invested
    }
}
