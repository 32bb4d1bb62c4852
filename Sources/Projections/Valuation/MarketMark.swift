import Foundation
import Ledger

/// One recorded market snapshot (a `MarketObserved` that was not voided), as positions and paths
/// are valued with it.
public struct MarketMark: Sendable, Hashable {
    public var eventID: UUID
    /// Global position of the event (breaks ties between marks at the same instant).
    public var position: Int64
    public var feed: String
    public var at: Date
    public var spx: Decimal
    public var vix: Decimal
    public var vix3m: Decimal?
    public var futures: [FuturesQuote]
    public var quotes: [OptionQuote]

    public init(eventID: UUID, position: Int64, at: Date, observed: MarketObserved) {
        self.eventID = eventID
        self.position = position
        self.feed = observed.feed
        self.at = at
        self.spx = observed.spx
        self.vix = observed.vix
        self.vix3m = observed.vix3m
        self.futures = observed.futures
        self.quotes = observed.quotes
    }

    /// Orders marks by market time, then by global position.
    public static func isBefore(_ a: MarketMark, _ b: MarketMark) -> Bool {
        (a.at, a.position) < (b.at, b.position)
    }

    /// The recorded quote for one option, if any.
    public func quote(expiry: CalendarDate, right: Ledger.OptionRight, strike: Decimal) -> OptionQuote? {
        quotes.first { $0.expiry == expiry && $0.right == right && $0.strike == strike }
    }
}
