import Foundation
import Ledger

/// Parsers for the value forms tastytrade writes. Each returns nil for text it does not accept.
enum TastytradeValues {
    /// `2024-09-20T23:00:00+0200`, also with `+02:00`, `Z` or fractional seconds.
    static func instant(_ text: String) -> Date? {
        let s = Array(text.trimmingCharacters(in: .whitespaces))
        guard s.count >= 20, s[10] == "T", let day = CalendarDate(iso: String(s[0..<10])) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count, s[range].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(s[range]))
        }
        guard let hour = number(11..<13), s[13] == ":", let minute = number(14..<16), s[16] == ":", let second = number(17..<19),
              hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < s.count, s[index] == "." {
            var end = index + 1
            while end < s.count, s[end].isASCII, s[end].isNumber { end += 1 }
            guard end > index + 1, let value = Double("0" + String(s[index..<end])) else { return nil }
            fraction = value
            index = end
        }
        guard index < s.count else { return nil }
        var offsetSeconds = 0
        let zone = String(s[index...])
        if zone == "Z" {
            offsetSeconds = 0
        } else {
            guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
            let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
            guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)), hh < 24, mm < 60 else { return nil }
            offsetSeconds = (hh * 3600 + mm * 60) * (sign == "-" ? -1 : 1)
        }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parts = DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second)
        guard let local = utc.date(from: parts) else { return nil }
        return local.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    /// A money or price amount: `1,250.00`, `-0.52`, `$1.00`, `(1.00)` for negatives; nil when not a number.
    static func amount(_ text: String) -> Decimal? {
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "$", with: "")
        var negative = false
        if t.hasPrefix("("), t.hasSuffix(")") {
            negative = true
            t = String(t.dropFirst().dropLast())
        }
        if t.hasPrefix("+") { t.removeFirst() }
        if t.hasPrefix("."), t.count > 1 { t = "0" + t }
        if t.hasPrefix("-.") { t = "-0" + t.dropFirst() }
        guard let value = DecimalParser.parse(t) else { return nil }
        return negative ? -value : value
    }

    /// Commissions and fees: empty or `--` is zero.
    static func fee(_ text: String) -> Decimal? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t == "--" { return 0 }
        return amount(t)
    }

    /// An option expiry: `9/20/24`, `09/20/2024` or `2024-09-20`.
    static func expiry(_ text: String) -> CalendarDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let iso = CalendarDate(iso: t) { return iso }
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let month = Int(parts[0]), let day = Int(parts[1]), var year = Int(parts[2]) else { return nil }
        if parts[2].count == 2 { year += 2000 } else if parts[2].count != 4 { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// A whole, positive quantity (`1`, `10`, `1,000`, `3.0`); the sign is dropped (the action gives the direction).
    static func quantity(_ text: String) -> Int? {
        guard let value = amount(text) else { return nil }
        let magnitude = value < 0 ? -value : value
        var rounded = Decimal()
        var copy = magnitude
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == magnitude, magnitude >= 1, magnitude <= Decimal(FieldParser.maximumQuantity) else { return nil }
        return NSDecimalNumber(decimal: magnitude).intValue
    }
}
