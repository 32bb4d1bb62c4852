import Foundation

/// A VIX future's recorded price (index points) for one contract month. Spec form `YYYY-MM=PRICE`.
public struct FuturesQuote: Codable, Sendable, Hashable {
    public var month: ContractMonth
    @DecimalText public var price: Decimal

    public init(month: ContractMonth, price: Decimal) {
        self.month = month
        self.price = price
    }

    /// Parses `YYYY-MM=PRICE`; the price must be a plain decimal > 0 and ≤ 1e9.
    public init(spec text: String, field: String = "--vx") throws {
        let parts = text.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            throw LedgerValidationError(field: field, rule: "expected 'YYYY-MM=PRICE' (got \(Echo.quoted(text)))")
        }
        guard let month = ContractMonth(iso: parts[0]) else {
            throw LedgerValidationError(field: field, rule: "month must be YYYY-MM (got \(Echo.quoted(parts[0])))")
        }
        let price = try PriceRule.price(parts[1], field: field, what: "price")
        guard price > 0 else { throw LedgerValidationError(field: field, rule: "price must be > 0 (got \(parts[1]))") }
        self.init(month: month, price: price)
    }
}
