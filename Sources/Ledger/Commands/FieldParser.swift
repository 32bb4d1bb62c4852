import Foundation

/// Strict parsers for command-line and CSV values. Every error names the field (the flag or column)
/// and the rule, and quotes what was given.
public enum FieldParser {
    /// Largest contract or share count accepted.
    public static let maximumQuantity = 1_000_000

    /// A price or amount: plain decimal, 0 … 1e9 (`-0` is zero).
    public static func price(_ text: String, field: String) throws -> Decimal {
        try PriceRule.price(text, field: field)
    }

    /// A price that must be strictly positive (index levels, strikes).
    public static func positive(_ text: String, field: String) throws -> Decimal {
        let value = try PriceRule.price(text, field: field)
        guard value > 0 else { throw LedgerValidationError(field: field, rule: "must be > 0 (got \(text))") }
        return value
    }

    /// A signed reading (MACD histogram, advance-decline): plain decimal within ±1e9.
    public static func signed(_ text: String, field: String) throws -> Decimal {
        guard let value = DecimalParser.parse(text) else {
            throw LedgerValidationError(field: field, rule: "must be a plain decimal number (got \(Echo.quoted(text)))")
        }
        guard abs(value) <= PriceRule.maximum else { throw LedgerValidationError(field: field, rule: "must be within ±1e9 (got \(text))") }
        return value
    }

    /// A strike: plain decimal > 0 (order is checked by `IronCondorLegs`).
    public static func strike(_ text: String, field: String) throws -> Decimal {
        guard let value = DecimalParser.parse(text) else {
            throw LedgerValidationError(field: field, rule: "strike must be a plain decimal number like 4950 (got \(Echo.quoted(text)))")
        }
        guard value > 0 else { throw LedgerValidationError(field: field, rule: "strike must be > 0 (got \(text))") }
        guard value <= PriceRule.maximum else { throw LedgerValidationError(field: field, rule: "strike must be at most 1e9 (got \(text))") }
        return value
    }

    /// A count of contracts or shares: a whole number 1 … 1,000,000, digits only.
    public static func count(_ text: String, field: String) throws -> Int {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw LedgerValidationError(field: field, rule: "must be a whole number ≥ 1 (got \(Echo.quoted(text)))")
        }
        guard let value = Int(text), value >= 1 else {
            throw LedgerValidationError(field: field, rule: "must be ≥ 1 (got \(text))")
        }
        guard value <= maximumQuantity else {
            throw LedgerValidationError(field: field, rule: "must be at most \(maximumQuantity) (got \(text))")
        }
        return value
    }

    /// A small whole number ≥ `minimum` (tiers, days).
    public static func integer(_ text: String, field: String, minimum: Int, maximum: Int) throws -> Int {
        guard let value = Int(text), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
            throw LedgerValidationError(field: field, rule: "must be a whole number (got \(Echo.quoted(text)))")
        }
        guard value >= minimum, value <= maximum else {
            throw LedgerValidationError(field: field, rule: "must be between \(minimum) and \(maximum) (got \(text))")
        }
        return value
    }

    /// A calendar date `YYYY-MM-DD`.
    public static func date(_ text: String, field: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw LedgerValidationError(field: field, rule: "must be a real date written YYYY-MM-DD (got \(Echo.quoted(text)))")
        }
        return date
    }

    /// An instant: ISO 8601 with a zone, e.g. `2026-03-02T15:30:00Z`, `2026-03-02T10:30:00-05:00`,
    /// optionally with fractional seconds.
    public static func instant(_ text: String, field: String) throws -> Date {
        guard let instant = parseInstant(text) else {
            throw LedgerValidationError(field: field, rule: "must be an ISO 8601 instant with a zone like 2026-03-02T15:30:00Z, with at most 6 fractional digits (got \(Echo.quoted(text)))")
        }
        return instant
    }

    /// A UUID (any case).
    public static func uuid(_ text: String, field: String) throws -> UUID {
        guard text.count == 36, let id = UUID(uuidString: text) else {
            throw LedgerValidationError(field: field, rule: "must be a UUID like 3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d71 (got \(Echo.quoted(text)))")
        }
        return id
    }

    /// Fractional seconds keep up to 6 digits (the store keeps microseconds); more are refused
    /// rather than silently rounded.
    static func parseInstant(_ text: String) -> Date? {
        let characters = Array(text)
        guard (20...40).contains(characters.count), text.allSatisfy(\.isASCII), characters[10] == "T",
              CalendarDate(iso: String(characters[0..<10])) != nil else { return nil }
        guard characters[19] == "." else { return plainInstant.date(from: text) }
        // ISO8601DateFormatter keeps only milliseconds: parse the whole seconds, add the fraction.
        let digits = characters[20...].prefix { $0.isNumber }
        guard (1...6).contains(digits.count), let fraction = Int(String(digits)) else { return nil }
        let zone = characters[(20 + digits.count)...]
        guard let whole = plainInstant.date(from: String(characters[0..<19] + zone)) else { return nil }
        var micros = fraction
        for _ in digits.count..<6 { micros *= 10 }
        return Date(timeIntervalSince1970: (whole.timeIntervalSince1970 * 1_000_000 + Double(micros)) / 1_000_000)
    }

    // ISO8601DateFormatter is thread-safe; building one is costly, so it is made once.
    nonisolated(unsafe) static let plainInstant: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
}
