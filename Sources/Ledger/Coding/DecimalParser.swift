import Foundation

/// Strict, locale-free decimal parsing and formatting for prices, money and strikes.
///
/// Accepted: an optional leading `-`, digits, optionally a `.` followed by at least one digit
/// (`10`, `10.25`, `0.5`, `-3`). Refused: exponents (`1e309`), hex (`0x10`), `nan`, `inf`, a `+`
/// sign, grouping separators, commas as decimal points, leading or trailing spaces, a bare `.5` or
/// `5.`, and more than 30 significant digits. `-0` parses as zero (the sign is dropped), so a
/// "negative zero" price is simply zero.
public enum DecimalParser {
    /// Largest number of digits accepted in one literal; `Decimal` holds 38 exactly.
    public static let maximumDigits = 30

    /// The value of `text`, or nil when it is not plain decimal notation.
    public static func parse(_ text: String) -> Decimal? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if scalars.first == "-" {
            negative = true
            scalars = scalars.dropFirst()
        }
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
            case ".":
                if seenPoint { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        guard integerDigits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        guard integerDigits + fractionDigits <= maximumDigits else { return nil }
        let body = String(String.UnicodeScalarView(scalars))
        guard var value = Decimal(string: body, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        if negative && value != 0 { value.negate() }
        return value
    }

    /// The canonical text of `value`: plain notation, no exponent, no grouping, `.` as the point.
    public static func format(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        return value.description
    }
}
