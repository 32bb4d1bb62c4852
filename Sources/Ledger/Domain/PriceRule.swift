import Foundation

/// The rules every price, amount and level obeys on its way in: plain decimal notation (see
/// `DecimalParser`), finite, not negative, at most 1e9. `-0` is accepted as zero.
public enum PriceRule {
    /// Largest accepted price, fee or level (absurd values above it are refused).
    public static let maximum: Decimal = 1_000_000_000

    /// Parses a price or amount ≥ 0; the error names `field` (and `what` inside it, for specs).
    public static func price(_ text: String, field: String, what: String? = nil) throws -> Decimal {
        let subject = what.map { "\($0) " } ?? ""
        guard let value = DecimalParser.parse(text) else {
            throw LedgerValidationError(field: field, rule: "\(subject)must be a plain decimal number like 10.25 (got \(Echo.quoted(text)))")
        }
        try check(value, field: field, what: what, original: text)
        return value
    }

    /// Checks an already-parsed value: ≥ 0 and ≤ 1e9.
    public static func check(_ value: Decimal, field: String, what: String? = nil, original: String? = nil) throws {
        let subject = what.map { "\($0) " } ?? ""
        let shown = original ?? DecimalParser.format(value)
        if value < 0 { throw LedgerValidationError(field: field, rule: "\(subject)must not be negative (got \(shown))") }
        if value > maximum { throw LedgerValidationError(field: field, rule: "\(subject)must be at most 1e9 (got \(shown))") }
    }
}
