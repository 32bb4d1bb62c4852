import Foundation

/// A recorded quote for one SPX option: bid and ask per unit (index points) and, when given, the
/// implied volatility as an annualised fraction (0.18 = 18 %).
/// Spec form: `YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]`, e.g. `2026-03-20 P 5000=12.5/13.1@0.21`.
public struct OptionQuote: Codable, Sendable, Hashable {
    public var expiry: CalendarDate
    public var right: OptionRight
    @DecimalText public var strike: Decimal
    @DecimalText public var bid: Decimal
    @DecimalText public var ask: Decimal
    @OptionalDecimalText public var impliedVolatility: Decimal?

    public init(expiry: CalendarDate, right: OptionRight, strike: Decimal, bid: Decimal, ask: Decimal, impliedVolatility: Decimal? = nil) {
        self.expiry = expiry
        self.right = right
        self.strike = strike
        self.bid = bid
        self.ask = ask
        self.impliedVolatility = impliedVolatility
    }

    /// Mid price per unit.
    public var mid: Decimal { (bid + ask) / 2 }

    /// Parses and validates a quote spec: strike > 0, 0 ≤ bid ≤ ask ≤ 1e9, 0 < IV ≤ 10.
    public init(spec text: String, field: String = "--quote") throws {
        let form = "expected 'YYYY-MM-DD P|C STRIKE=BID/ASK[@IV]' (got \(Echo.quoted(text)))"
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count == 3 else { throw LedgerValidationError(field: field, rule: form) }
        guard let expiry = CalendarDate(iso: words[0]) else {
            throw LedgerValidationError(field: field, rule: "expiry must be a YYYY-MM-DD date (got \(Echo.quoted(words[0])))")
        }
        guard let right = OptionRight(spec: words[1]) else {
            throw LedgerValidationError(field: field, rule: "right must be P or C (got \(Echo.quoted(words[1])))")
        }
        let strikeAndPrices = words[2].split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        guard strikeAndPrices.count == 2 else { throw LedgerValidationError(field: field, rule: form) }
        guard let strike = DecimalParser.parse(strikeAndPrices[0]), strike > 0, strike <= PriceRule.maximum else {
            throw LedgerValidationError(field: field, rule: "strike must be a plain decimal > 0 (got \(Echo.quoted(strikeAndPrices[0])))")
        }
        let pricesAndIV = strikeAndPrices[1].split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard pricesAndIV.count <= 2 else { throw LedgerValidationError(field: field, rule: form) }
        let prices = pricesAndIV[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard prices.count == 2 else { throw LedgerValidationError(field: field, rule: form) }
        let bid = try PriceRule.price(prices[0], field: field, what: "bid")
        let ask = try PriceRule.price(prices[1], field: field, what: "ask")
        guard bid <= ask else {
            throw LedgerValidationError(field: field, rule: "bid must not exceed ask (got \(prices[0]) > \(prices[1]))")
        }
        var iv: Decimal?
        if pricesAndIV.count == 2 {
            guard let value = DecimalParser.parse(pricesAndIV[1]), value > 0, value <= 10 else {
                throw LedgerValidationError(field: field, rule: "implied volatility must be a plain decimal fraction in (0, 10] (got \(Echo.quoted(pricesAndIV[1])))")
            }
            iv = value
        }
        self.init(expiry: expiry, right: right, strike: strike, bid: bid, ask: ask, impliedVolatility: iv)
    }
}
