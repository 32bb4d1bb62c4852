import Finance
import Foundation
import Ledger

/// Text forms of the report's numbers.
enum Format {
    /// Machine form, as `alvh summary --json` prints money: cents, half to even (`-2100`, `998.5`).
    static func plain(_ value: Decimal) -> String { DecimalParser.format(Money.rounded(value, scale: 2)) }

    /// Display form: `$1,234.56`, `−$80.00` (a real minus sign).
    static func money(_ value: Decimal?) -> String {
        guard let value else { return "—" }
        let rounded = Money.rounded(value, scale: 2)
        let negative = rounded < 0
        let text = String(format: "%.2f", abs(double(rounded)))
        let parts = text.split(separator: ".")
        var digits = Array(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        return (negative ? "−$" : "$") + grouped + "." + parts[1]
    }

    /// Axis labels: `$12k`, `−$500`.
    static func compactMoney(_ value: Double) -> String {
        let sign = value < 0 ? "−" : ""
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return "\(sign)$\(trim(magnitude / 1_000_000))M" }
        if magnitude >= 1_000 { return "\(sign)$\(trim(magnitude / 1_000))k" }
        return "\(sign)$\(trim(magnitude))"
    }

    static func percent(_ rate: Double?, digits: Int = 1) -> String {
        guard let rate else { return "no rate" }
        let text = String(format: "%.\(digits)f%%", abs(rate * 100))
        return (rate < 0 ? "−" : "") + text
    }

    static func number(_ value: Double, digits: Int = 2) -> String {
        let text = String(format: "%.\(digits)f", abs(value))
        return (value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "−" : "") + text
    }

    static func shortID(_ id: UUID) -> String { String(id.uuidString.lowercased().prefix(8)) }

    static func double(_ value: Decimal) -> Double { (value as NSDecimalNumber).doubleValue }

    private static func trim(_ value: Double) -> String {
        let text = String(format: value < 10 ? "%.1f" : "%.0f", value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
