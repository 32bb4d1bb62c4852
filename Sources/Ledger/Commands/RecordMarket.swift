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

    public static func parse(_ a: CommandArguments) throws -> RecordMarket {
        let futures = try a.all("--vx").map { try FuturesQuote(spec: $0, field: "--vx") }
        var months = Set<ContractMonth>()
        for quote in futures where !months.insert(quote.month).inserted {
            throw LedgerValidationError(field: "--vx", rule: "gives month \(quote.month) twice")
        }
        return RecordMarket(
            feed: try a.optional("--feed").map { try feedName($0) } ?? StreamName.defaultMarketFeed,
            at: try FieldParser.instant(try a.required("--at"), field: "--at"),
            spx: try FieldParser.positive(try a.required("--spx"), field: "--spx"),
            vix: try FieldParser.positive(try a.required("--vix"), field: "--vix"),
            vix9d: try a.optional("--vix9d").map { try FieldParser.positive($0, field: "--vix9d") },
            vix3m: try a.optional("--vix3m").map { try FieldParser.positive($0, field: "--vix3m") },
            advanceDecline: try a.optional("--advance-decline").map { text in
                guard let value = DecimalParser.parse(text), abs(value) <= PriceRule.maximum else {
                    throw LedgerValidationError(field: "--advance-decline", rule: "must be a plain decimal number within ±1e9 (got \(Echo.quoted(text)))")
                }
                return value
            },
            futures: futures,
            quotes: try a.all("--quote").map { try OptionQuote(spec: $0, field: "--quote") })
    }
}
