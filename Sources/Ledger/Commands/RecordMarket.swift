import Foundation

/// `alvh mark --at T --spx X --vix V ...`: record a market snapshot on feed `--feed` (default spx).
public struct RecordMarket: Sendable, Hashable {
    public var feed: String
    public var at: Date
    public var spx: Decimal
    public var vix: Decimal
    public var vix9d: Decimal?
    public var vix3m: Decimal?
    public var advanceDecline: Decimal?
    public var futures: [FuturesQuote]
    public var quotes: [OptionQuote]

    public init(feed: String = StreamName.defaultMarketFeed, at: Date, spx: Decimal, vix: Decimal, vix9d: Decimal? = nil, vix3m: Decimal? = nil,
                advanceDecline: Decimal? = nil, futures: [FuturesQuote] = [], quotes: [OptionQuote] = []) {
        self.feed = feed
        self.at = at
        self.spx = spx
        self.vix = vix
        self.vix9d = vix9d
        self.vix3m = vix3m
        self.advanceDecline = advanceDecline
        self.futures = futures
        self.quotes = quotes
    }

    /// Feed names: 1–40 of a–z, 0–9, `-`, `_`.
    public static func feedName(_ text: String, field: String = "--feed") throws -> String {
        guard (1...40).contains(text.count), text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
            throw LedgerValidationError(field: field, rule: "must be 1–40 characters of a–z, 0–9, - or _ (got \(Echo.quoted(text)))")
        }
        return text
    }

    /// The command as typed after `alvh`.
    public static let name = "mark"

    public static func parse(_ a: CommandArguments) throws -> RecordMarket {
        let futures = try distinctMonths(a.all(Field.vx))
        return RecordMarket(feed: try a.optional(Field.feed) ?? StreamName.defaultMarketFeed, at: try a.required(Field.at),
                            spx: try a.required(Field.spx), vix: try a.required(Field.markVIX), vix9d: try a.optional(Field.markVIX9D),
                            vix3m: try a.optional(Field.markVIX3M), advanceDecline: try a.optional(Field.markAdvanceDecline),
                            futures: futures, quotes: try a.all(Field.quote))
    }

    /// The futures curve: one `--vx` per month.
    public static func distinctMonths(_ futures: [FuturesQuote]) throws -> [FuturesQuote] {
        var months = Set<ContractMonth>()
        for quote in futures where !months.insert(quote.month).inserted {
            throw LedgerValidationError(field: Field.vx.name, rule: "gives month \(quote.month) twice")
        }
        return futures
    }
}
