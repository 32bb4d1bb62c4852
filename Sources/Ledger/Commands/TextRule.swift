import Foundation

/// Free text (reasons, notes, names) is stored verbatim, quotes, SQL and any Unicode included.
/// Refused: a NUL character (PostgreSQL's jsonb cannot hold U+0000), U+FFFD (the mark left where
/// bytes were not valid UTF-8: the shell's argument or the file was not UTF-8), and text longer
/// than the limit: reasons and notes ≤ 10,000 characters, names ≤ 200 and not empty. Characters
/// are counted as Unicode code points, so one visible character built from thousands of combining
/// marks counts as thousands.
public enum TextRule {
    public static let maximumReasonLength = 10_000
    public static let maximumNameLength = 200
    /// Largest payload a single event may carry, in bytes of JSON.
    public static let maximumPayloadBytes = 64 * 1024

    /// Free text of at most `maximumReasonLength` characters.
    public static func reason(_ text: String, field: String) throws -> String {
        try check(text, field: field, limit: maximumReasonLength)
        return text
    }

    /// A name: not empty, at most `maximumNameLength` characters.
    public static func name(_ text: String, field: String) throws -> String {
        guard !text.isEmpty else { throw LedgerValidationError(field: field, rule: "must not be empty") }
        try check(text, field: field, limit: maximumNameLength)
        return text
    }

    static func check(_ text: String, field: String, limit: Int) throws {
        if text.unicodeScalars.contains("\u{0}") {
            throw LedgerValidationError(field: field, rule: "must not contain a NUL character (\\0): the ledger stores text as JSON, which cannot hold it")
        }
        if text.unicodeScalars.contains("\u{FFFD}") {
            throw LedgerValidationError(field: field, rule: "must be valid UTF-8 (found bytes that are not, shown as U+FFFD)")
        }
        let length = text.unicodeScalars.count
        if length > limit {
            throw LedgerValidationError(field: field, rule: "must be at most \(limit) characters (got \(length))")
        }
    }
}
