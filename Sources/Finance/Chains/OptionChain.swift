import Foundation

/// One session's end-of-day SPX option chain (CBOE's quote table): the index level and, per
/// expiry and root, each listed strike's call and put quotes. Prices per unit (index points).
public struct OptionChain: Sendable, Hashable {
    /// The session the quotes belong to.
    public var quoteDate: CalendarDay
    /// The index level of that session's close (CBOE's `Last:`).
    public var spot: Double
    /// Expiries in increasing date order; a date listed under both SPX and SPXW appears twice.
    public var expiries: [ChainExpiry]

    public init(quoteDate: CalendarDay, spot: Double, expiries: [ChainExpiry]) {
        self.quoteDate = quoteDate
        self.spot = spot
        self.expiries = expiries
    }

    /// One root per expiry date: SPXW where both are listed (the backtest sells SPXW), else SPX.
    public var preferredExpiries: [ChainExpiry] {
        let byDate = Dictionary(grouping: expiries, by: \.expiry)
        return byDate.keys.sorted().map { date in
            let roots = byDate[date]!
            return roots.first { $0.root == .spxw } ?? roots[0]
        }
    }

    /// Calendar days from the quote date to the listed expiry date.
    public func daysToExpiry(_ expiry: ChainExpiry) -> Int { expiry.expiry.daysSinceEpoch - quoteDate.daysSinceEpoch }

    /// Years (act/365, in seconds) from the quote session's close to the expiry's settlement
    /// instant (`ExchangeCalendar`: PM at the expiry session's close, AM at its 09:30 opening).
    public func timeYears(to expiry: ChainExpiry, calendar: ExchangeCalendar = .nyse) -> Double {
        let start = calendar.closeInstant(on: quoteDate) ?? ExchangeCalendar.regularClose.instant(on: quoteDate)
        let end = calendar.settlementInstant(expiry: expiry.expiry, settlement: expiry.root.settlement)
        return end.timeIntervalSince(start) / (365 * 86_400)
    }
}
