import Foundation
import Ledger

/// Parsers for the value forms an Interactive Brokers Flex query writes. Each returns nil for text
/// it does not accept. Amounts and quantities reuse the tastytrade forms (`TastytradeValues`).
enum IBKRValues {
    /// A Flex date: `20240920` or `2024-09-20`.
    static func date(_ text: String) -> CalendarDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 8, t.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return CalendarDate(iso: "\(t.prefix(4))-\(t.dropFirst(4).prefix(2))-\(t.suffix(2))")
        }
        guard t.count == 10 else { return nil }
        return CalendarDate(iso: t)
    }

    /// A Flex time of day: `153012` or `15:30:12` → seconds after midnight.
    static func timeOfDay(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits: String
        if t.count == 6, t.allSatisfy({ $0.isASCII && $0.isNumber }) {
            digits = t
        } else {
            let parts = t.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
            digits = parts.joined()
        }
        guard let hh = Int(digits.prefix(2)), let mm = Int(digits.dropFirst(2).prefix(2)), let ss = Int(digits.suffix(2)),
              hh < 24, mm < 60, ss < 60 else { return nil }
        return hh * 3600 + mm * 60 + ss
    }

    /// A Flex `DateTime` (`20240920;153012`, `2024-09-20, 15:30:12`, `2024-09-20 15:30:12`) read as a
    /// wall-clock time in `zone`. With `dateOnly` (`defaultTime` seconds after midnight) a bare date is
    /// accepted too.
    static func instant(_ text: String, zone: TimeZone, dateOnlyAt defaultTime: Int? = nil) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let separators: Set<Character> = [";", ",", " ", "T"]
        let datePart: Substring
        let timePart: Substring?
        if let cut = t.firstIndex(where: { separators.contains($0) }) {
            datePart = t[..<cut]
            timePart = t[t.index(after: cut)...].drop(while: { $0 == " " })
        } else {
            datePart = Substring(t)
            timePart = nil
        }
        guard let day = date(String(datePart)) else { return nil }
        let seconds: Int
        if let timePart {
            guard let parsed = timeOfDay(String(timePart)) else { return nil }
            seconds = parsed
        } else {
            guard let defaultTime else { return nil }
            seconds = defaultTime
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(year: day.year, month: day.month, day: day.day,
                                   hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60)
        return calendar.date(from: parts)
    }

    /// `Notes/Codes` split into its codes (`C;Ep` → `["C", "Ep"]`).
    static func codes(_ text: String) -> Set<String> {
        Set(text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// A header name reduced to a lookup key: lowercase, spaces removed (`IB Commission` = `IBCommission`).
    static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
    }
}
