import Foundation

/// A market snapshot at the event's `occurredAt` instant. Stream `market-<feed>` (default `market-spx`).
/// Levels in index points; `futures` is the VIX futures curve; `quotes` optional SPX option quotes.
public struct MarketObserved: LedgerEventPayload {
    public static let eventType = "MarketObserved"

    public var feed: String
    @DecimalText public var spx: Decimal
    @DecimalText public var vix: Decimal
    @OptionalDecimalText public var vix9d: Decimal?
    @OptionalDecimalText public var vix3m: Decimal?
    @OptionalDecimalText public var advanceDecline: Decimal?
    public var futures: [FuturesQuote]
    public var quotes: [OptionQuote]

    public init(feed: String = "spx", spx: Decimal, vix: Decimal, vix9d: Decimal? = nil, vix3m: Decimal? = nil,
                advanceDecline: Decimal? = nil, futures: [FuturesQuote] = [], quotes: [OptionQuote] = []) {
        self.feed = feed
        self.spx = spx
        self.vix = vix
        self.vix9d = vix9d
        self.vix3m = vix3m
        self.advanceDecline = advanceDecline
        self.futures = futures
        self.quotes = quotes
    }
}
