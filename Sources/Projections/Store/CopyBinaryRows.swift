import Foundation
import Ledger
import PostgresClient

/// Rows in COPY's binary format (`COPY … FROM STDIN WITH (FORMAT binary)`), field by field, each
/// method writing the binary form of one column type. The server then receives values instead of
/// parsing text (about half its ingest time for the projection tables).
///
/// Values are the ones the text form would store: a numeric is built from `CopyFormat.decimal`'s
/// text (same digits, same scale), an instant is the microseconds `PostgresTime.unixMicroseconds`
/// gives. The methods must match the column types exactly (integer: `int4`, bigint: `int8`).
struct CopyBinaryRows {
    /// The stream's signature, flags and header extension length.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xff, 0x0d, 0x0a, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The end of the rows (a field count of −1).
    static let trailer: [UInt8] = [0xff, 0xff]

    /// Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch.
    private static let epochMicros: Int64 = 946_684_800_000_000

    private(set) var bytes: [UInt8] = []
    private var rowStart = -1
    private var fields = 0
    private var scratch: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Ends the current row: its field count is written before its first field.
    mutating func endRow() {
        if rowStart < 0 { beginRow() }
        bytes[rowStart] = UInt8(truncatingIfNeeded: fields >> 8)
        bytes[rowStart + 1] = UInt8(truncatingIfNeeded: fields)
        rowStart = -1
        fields = 0
    }

    private mutating func beginRow() {
        rowStart = bytes.count
        bytes.append(0)
        bytes.append(0)
    }

    /// Starts a field of `length` bytes.
    private mutating func field(_ length: Int) {
        if rowStart < 0 { beginRow() }
        fields += 1
        appendBigEndian(Int32(length))
    }

    mutating func null() {
        field(-1)
    }

    private mutating func appendBigEndian<I: FixedWidthInteger>(_ value: I) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    // MARK: Column types

    mutating func uuid(_ value: UUID) {
        field(16)
        withUnsafeBytes(of: value.uuid) { bytes.append(contentsOf: $0) }
    }

    mutating func uuid(_ value: UUID?) { if let value { uuid(value) } else { null() } }

    /// `text`: the UTF-8 bytes as they are (no escaping in the binary format).
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            field(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func text(_ value: String?) { if let value { text(value) } else { null() } }

    /// `jsonb`: format version 1, then the JSON text.
    mutating func jsonb(_ json: Data) {
        field(json.count + 1)
        bytes.append(1)
        bytes.append(contentsOf: json)
    }

    mutating func jsonb(_ json: Data?) { if let json { jsonb(json) } else { null() } }

    /// `integer` (int4). Throws for a value outside its range, as the text form would fail.
    mutating func int4(_ value: Int) throws {
        guard let narrow = Int32(exactly: value) else { throw CopyBinaryError.outOfRange(value) }
        field(4)
        appendBigEndian(narrow)
    }

    mutating func int4(_ value: Int?) throws { if let value { try int4(value) } else { null() } }

    /// `bigint` (int8).
    mutating func int8(_ value: Int64) {
        field(8)
        appendBigEndian(value)
    }

    /// `date`: days since 2000-01-01.
    mutating func date(_ value: CalendarDate) {
        field(4)
        appendBigEndian(Int32(CopyBinaryRows.daysFromCivil(year: Int64(value.year), month: Int64(value.month), day: Int64(value.day)) - 10_957))
    }

    /// `timestamptz`: microseconds since 2000-01-01 UTC.
    mutating func timestamptz(_ value: Date) {
        field(8)
        appendBigEndian(PostgresTime.unixMicroseconds(value) - CopyBinaryRows.epochMicros)
    }

    mutating func timestamptz(_ value: Date?) { if let value { timestamptz(value) } else { null() } }

    /// `numeric`: the value of `CopyFormat.decimal`'s text, as base-10000 digits with that text's
    /// scale (digits after the point), normalised as the server normalises it.
    mutating func numeric(_ value: Decimal) throws {
        scratch.removeAll(keepingCapacity: true)
        CopyFormat.appendDecimal(value, to: &scratch)
        guard let parts = CopyBinaryRows.numericParts(scratch) else { throw CopyBinaryError.notPlainDecimal(CopyFormat.decimal(value)) }
        field(8 + 2 * parts.digits.count)
        appendBigEndian(Int16(parts.digits.count))
        appendBigEndian(Int16(parts.weight))
        appendBigEndian(UInt16(parts.negative ? 0x4000 : 0x0000))
        appendBigEndian(Int16(parts.scale))
        for digit in parts.digits { appendBigEndian(digit) }
    }

    mutating func numeric(_ value: Decimal?) throws { if let value { try numeric(value) } else { null() } }

    /// Sign, weight (base-10000 exponent of the first digit), scale and base-10000 digits of plain
    /// decimal text (`-`? digits (`.` digits)?), without leading or trailing zero digits; zero has
    /// no digits, weight 0 and a positive sign. Nil for any other text.
    static func numericParts(_ text: [UInt8]) -> (negative: Bool, weight: Int, scale: Int, digits: [Int16])? {
        var index = 0
        var negative = false
        if index < text.count, text[index] == 0x2d { negative = true; index += 1 }
        let integerStart = index
        while index < text.count, (0x30...0x39).contains(text[index]) { index += 1 }
        let integerEnd = index
        var fractionStart = index, fractionEnd = index
        if index < text.count, text[index] == 0x2e {
            index += 1
            fractionStart = index
            while index < text.count, (0x30...0x39).contains(text[index]) { index += 1 }
            fractionEnd = index
            guard fractionEnd > fractionStart else { return nil }
        }
        guard index == text.count, integerEnd > integerStart else { return nil }
        let integerDigits = integerEnd - integerStart
        let scale = fractionEnd - fractionStart
        // Align to groups of four around the point: the integer part padded on the left, the
        // fraction on the right.
        let integerGroups = (integerDigits + 3) / 4
        let fractionGroups = (scale + 3) / 4
        var digits = [Int16](repeating: 0, count: integerGroups + fractionGroups)
        let leftPad = integerGroups * 4 - integerDigits
        for offset in 0..<integerDigits {
            let position = leftPad + offset
            digits[position / 4] = digits[position / 4] * 10 + Int16(text[integerStart + offset] - 0x30)
        }
        for offset in 0..<(fractionGroups * 4) {
            let digit = offset < scale ? Int16(text[fractionStart + offset] - 0x30) : 0
            let group = integerGroups + offset / 4
            digits[group] = digits[group] * 10 + digit
        }
        var weight = integerGroups - 1
        var first = 0
        while first < digits.count, digits[first] == 0 { first += 1; weight -= 1 }
        var last = digits.count
        while last > first, digits[last - 1] == 0 { last -= 1 }
        if first == last { return (false, 0, scale, []) }
        return (negative, weight, scale, Array(digits[first..<last]))
    }

    /// Days from 1970-01-01 to a civil date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// A value the binary COPY cannot carry.
enum CopyBinaryError: Error, CustomStringConvertible {
    case outOfRange(Int)
    case notPlainDecimal(String)

    var description: String {
        switch self {
        case .outOfRange(let value): "projection value \(value) does not fit an integer column"
        case .notPlainDecimal(let text): "projection value \(text) is not a plain decimal"
        }
    }
}
