import Finance
import Foundation
import Ledger

/// Text helpers for the review commands: aligned tables, RFC 4180 CSV, sorted-key JSON, and the
/// text forms of money, dates and rates.
enum ReviewOutput {
    /// Prints rows under a header with columns padded to their widest cell (numbers right-aligned).
    static func table(_ header: [String], _ rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return isNumeric(cell) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmedOfSpaces
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { print(line(row)) }
    }

    /// Amounts, counts and percentages (not dates or ids).
    static func isNumeric(_ cell: String) -> Bool {
        let number = cell.hasSuffix("%") ? String(cell.dropLast()) : cell
        return DecimalParser.parse(number) != nil
    }

    /// Prints CSV with a header line; fields quoted when they hold a comma, quote or line break.
    static func csv(_ header: [String], _ rows: [[String]]) {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        print(header.map(field).joined(separator: ","))
        for row in rows { print(row.map(field).joined(separator: ",")) }
    }

    /// Prints one JSON object with sorted keys on one line (with `standby` when read from one).
    static func json(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: StandbyReading.annotate(object), options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Plain decimal text rounded to cents, half to even (`-2100`, `998.5`): dollars and prices
    /// per unit. (Average-cost layer figures can carry more digits in the projection.)
    static func money(_ value: Decimal?) -> String { value.map { DecimalParser.format(Money.rounded($0, scale: 2)) } ?? "" }

    /// Money for JSON: a decimal string rounded to cents, or NSNull.
    static func jsonMoney(_ value: Decimal?) -> Any { value.map { DecimalParser.format(Money.rounded($0, scale: 2)) } ?? NSNull() }

    static func day(_ date: Date?) -> String { date.map { CalendarDate(newYorkDateOf: $0).description } ?? "" }

    static func instant(_ date: Date?) -> Any {
        guard let date else { return NSNull() }
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false))
    }

    /// 0.1234 → `12.34%`.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "no rate" }
        return String(format: "%.2f%%", rate * 100)
    }

    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    /// The market model that valued a mark: its event id, `built-in` (a feed with none recorded), or
    /// nil when nothing was valued.
    static func model(_ id: UUID?, valued: Bool) -> String? { id.map(Self.id) ?? (valued ? "built-in" : nil) }

    /// The first 8 hex digits, for tables.
    static func shortID(_ uuid: UUID) -> String { String(id(uuid).prefix(8)) }

    static func strikes(_ s: IronCondorLegs) -> String {
        [s.longPut, s.shortPut, s.shortCall, s.longCall].map(DecimalParser.format).joined(separator: "/")
    }

    /// Calendar days between two instants' New York dates (to today when `to` is nil).
    static func daysHeld(from: Date, to: Date?) -> Int {
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        let a = CalendarDate(newYorkDateOf: from)
        let b = CalendarDate(newYorkDateOf: to ?? Date())
        let da = utc.date(from: DateComponents(year: a.year, month: a.month, day: a.day))!
        let db = utc.date(from: DateComponents(year: b.year, month: b.month, day: b.day))!
        return Int((db.timeIntervalSince(da) / 86_400).rounded())
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (`CharacterSet.whitespaces`: tab and the Unicode
    /// space separators), as `trimmingCharacters(in: .whitespaces)` gives, without its bridging cost
    /// (a table of thousands of rows spent most of its time there).
    var trimmedOfSpaces: String {
        func isSpace(_ c: Character) -> Bool {
            c.unicodeScalars.count == 1 && (c == "\t" || c.unicodeScalars.first!.properties.generalCategory == .spaceSeparator)
        }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
