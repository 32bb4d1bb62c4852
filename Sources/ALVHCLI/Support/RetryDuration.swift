import Foundation
import Ledger

/// A `--retry-for` / `ALVH_RETRY_FOR` value: a number with a unit (`500ms`, `30s`, `2m`, `1h`) or a
/// bare number of seconds; `0` turns retrying off. At most a day.
enum RetryDuration {
    static let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    static let maximumSeconds: Double = 86_400

    /// Seconds, or a usage error (exit 2) naming `field` and the rule.
    static func seconds(_ text: String, field: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("-"), (try? seconds(String(trimmed.dropFirst()), field: field)) != nil {
            throw CLIFailure.invalid(field, "must not be negative (got \(Echo.quoted(text)))")
        }
        let unit = units.first { trimmed.hasSuffix($0.suffix) && Double(trimmed.dropLast($0.suffix.count)) != nil }
        let number = unit.map { String(trimmed.dropLast($0.suffix.count)) } ?? trimmed
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let value = Double(number), value.isFinite else {
            throw CLIFailure.invalid(field, "must be a duration like 30s, 500ms, 2m or 0 (a number without a unit is seconds) (got \(Echo.quoted(text)))")
        }
        let seconds = value * (unit?.seconds ?? 1)
        guard seconds <= maximumSeconds else {
            throw CLIFailure.invalid(field, "must be at most 24h (got \(Echo.quoted(text)))")
        }
        return seconds
    }
}
