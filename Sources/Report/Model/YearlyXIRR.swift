import Foundation

/// One portfolio's XIRR (act/365) over one calendar year, as `alvh irr --by year` and `alvh summary`
/// give it: the positions that ended in the year (realized), and with the open ones at their last
/// mark. Rates are annual fractions (nil: no rate); P&L in dollars.
public struct YearlyXIRR: Sendable, Hashable {
    public var portfolio: String
    /// YYYY.
    public var year: String
    /// nil when no position of the portfolio ended in the year.
    public var realizedPnL: Decimal?
    public var realized: Double?
    public var totalPnL: Decimal
    public var total: Double?

    public init(portfolio: String, year: String, realizedPnL: Decimal?, realized: Double?, totalPnL: Decimal, total: Double?) {
        self.portfolio = portfolio
        self.year = year
        self.realizedPnL = realizedPnL
        self.realized = realized
        self.totalPnL = totalPnL
        self.total = total
    }
}
