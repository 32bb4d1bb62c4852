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

extension MarketObserved {
    public static let stream = EventStreamKind.market
    public static let voiding = Voiding.any
    public static let example = MarketObserved(feed: "spx", spx: Decimal(string: "5012.37")!, vix: Decimal(string: "19.5")!, vix9d: 21,
                                               vix3m: Decimal(string: "20.2")!, futures: [FuturesQuote(month: ContractMonth(iso: "2026-03")!, price: Decimal(string: "20.1")!)],
                                               quotes: [OptionQuote(expiry: CalendarDate(iso: "2026-03-20")!, right: .put, strike: 4900,
                                                                    bid: Decimal(string: "8.1")!, ask: Decimal(string: "8.6")!, impliedVolatility: Decimal(string: "0.22")!)])

    public var event: LedgerEvent { .marketObserved(self) }

    public var summary: String {
        let f = EventSummary.text
        return "market \(feed): SPX \(f(spx)), VIX \(f(vix))" + (vix3m.map { ", VIX3M \(f($0))" } ?? "")
            + (futures.isEmpty ? "" : ", \(futures.count) futures") + (quotes.isEmpty ? "" : ", \(quotes.count) quotes")
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let feed = o.string("feed"), let spx = o.decimal("spx"), let vix = o.decimal("vix"),
              let vix9d = o.optionalDecimal("vix9d"), let vix3m = o.optionalDecimal("vix3m"), let ad = o.optionalDecimal("advanceDecline"),
              let futures = o.objects("futures", { f -> FuturesQuote? in
                  guard let month = f.string("month").flatMap({ ContractMonth(iso: $0) }), let price = f.decimal("price") else { return nil }
                  return FuturesQuote(month: month, price: price)
              }),
              let quotes = o.objects("quotes", { q -> OptionQuote? in
                  guard let expiry = q.date("expiry"), let right = q.raw("right", OptionRight.self), let strike = q.decimal("strike"),
                        let bid = q.decimal("bid"), let ask = q.decimal("ask"), let iv = q.optionalDecimal("impliedVolatility") else { return nil }
                  return OptionQuote(expiry: expiry, right: right, strike: strike, bid: bid, ask: ask, impliedVolatility: iv)
              }) else { return nil }
        self.init(feed: feed, spx: spx, vix: vix, vix9d: vix9d, vix3m: vix3m, advanceDecline: ad, futures: futures, quotes: quotes)
    }
}
