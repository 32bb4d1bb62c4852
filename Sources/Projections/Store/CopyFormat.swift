import Foundation
import Ledger
import PostgresClient

/// Text forms of values in COPY text rows, appended straight to a byte buffer (no `String` per
/// field). Instants are written in UTC with microseconds (the store's resolution), so the same
/// `Date` always produces the same stored value. The `String` forms are the same bytes.
enum CopyFormat {
    /// Plain decimal text, as Foundation writes it. Foundation's formatting divides the 128-bit
    /// mantissa digit by digit; values whose mantissa fits 64 bits (every price and amount in
    /// practice) are written directly from the stored fields instead, when a start-up self-check
    /// shows this platform's `Decimal` layout is the one read here; otherwise Foundation formats.
    static func decimal(_ value: Decimal) -> String {
        var bytes: [UInt8] = []
        appendDecimal(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendDecimal(_ value: Decimal, to buffer: inout [UInt8]) {
        if fastDecimalLayout, appendFastDecimal(value, to: &buffer) { return }
        buffer.append(contentsOf: foundationDecimal(value).utf8)
    }

    static func foundationDecimal(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }

    static func fastDecimal(_ value: Decimal) -> String? {
        var bytes: [UInt8] = []
        return appendFastDecimal(value, to: &bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Reads exponent, sign, length and the low four mantissa words (byte 0: exponent; byte 1:
    /// length in the high nibble, sign in bit 3; bytes 4…19: mantissa words, little endian).
    /// Appends nothing and returns false when the mantissa does not fit 64 bits.
    static func appendFastDecimal(_ value: Decimal, to buffer: inout [UInt8]) -> Bool {
        guard MemoryLayout<Decimal>.size == 20, !value.isNaN else { return false }
        let parts = withUnsafeBytes(of: value) { raw -> (mantissa: UInt64, exponent: Int, negative: Bool)? in
            let length = Int(raw[1] >> 4)
            guard length <= 4 else { return nil }
            if length == 0 { return (0, 0, false) }
            var mantissa: UInt64 = 0
            for word in stride(from: 3, through: 0, by: -1) {
                mantissa = mantissa << 16 | UInt64(raw[4 + 2 * word]) | UInt64(raw[5 + 2 * word]) << 8
            }
            return (mantissa, Int(Int8(bitPattern: raw[0])), raw[1] & 0x08 != 0)
        }
        guard let parts else { return false }
        if parts.negative { buffer.append(0x2d) }
        let digits = digitCount(parts.mantissa)
        if parts.exponent >= 0 {
            appendDigits(parts.mantissa, to: &buffer)
            if parts.exponent > 0 { buffer.append(contentsOf: repeatElement(0x30, count: parts.exponent)) }
        } else {
            let scale = -parts.exponent
            if digits <= scale {
                buffer.append(0x30)
                buffer.append(0x2e)
                buffer.append(contentsOf: repeatElement(0x30, count: scale - digits))
                appendDigits(parts.mantissa, to: &buffer)
            } else {
                appendDigits(parts.mantissa, to: &buffer)
                buffer.insert(0x2e, at: buffer.count - scale)
            }
        }
        return true
    }

    /// True when the fast path writes exactly what Foundation writes for a spread of values.
    static let fastDecimalLayout: Bool = {
        let probes = ["0", "1", "-1", "10.5", "10.50", "-123.45", "0.05", "-0.001", "70000", "123456789012.345678", "4999.99",
                      "18446744073709551615", "0.333333333333333333"].compactMap { Decimal(string: $0) }
            + [Decimal(1) / Decimal(3), Decimal(sign: .minus, exponent: 3, significand: 42), Decimal(sign: .plus, exponent: -20, significand: 7)]
        return probes.allSatisfy { probe in
            var bytes: [UInt8] = []
            return !appendFastDecimal(probe, to: &bytes) || String(decoding: bytes, as: UTF8.self) == foundationDecimal(probe)
        } && probes.contains { var bytes: [UInt8] = []; return appendFastDecimal($0, to: &bytes) }
    }()

    /// `YYYY-MM-DD`.
    static func date(_ date: CalendarDate) -> String { string { appendDate(date, to: &$0) } }

    static func appendDate(_ date: CalendarDate, to buffer: inout [UInt8]) {
        appendPadded(Int64(date.year), 4, to: &buffer)
        buffer.append(0x2d)
        appendPadded(Int64(date.month), 2, to: &buffer)
        buffer.append(0x2d)
        appendPadded(Int64(date.day), 2, to: &buffer)
    }

    /// Lower-case hex with dashes, as PostgreSQL prints a uuid.
    static func uuid(_ value: UUID) -> String { string { appendUUID(value, to: &$0) } }

    static func appendUUID(_ value: UUID, to buffer: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: value.uuid) { raw in
            hex.withUTF8Buffer { digits in
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 { buffer.append(0x2d) }
                    buffer.append(digits[Int(raw[index] >> 4)])
                    buffer.append(digits[Int(raw[index] & 0x0f)])
                }
            }
        }
    }

    /// `YYYY-MM-DD hh:mm:ss.ffffff+00`.
    static func instant(_ date: Date) -> String { string { appendInstant(date, to: &$0) } }

    static func appendInstant(_ date: Date, to buffer: inout [UInt8]) {
        let micros = PostgresTime.unixMicroseconds(date)
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { rest += 86_400_000_000; days -= 1 }
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        appendPadded(y, 4, to: &buffer)
        buffer.append(0x2d)
        appendPadded(m, 2, to: &buffer)
        buffer.append(0x2d)
        appendPadded(d, 2, to: &buffer)
        buffer.append(0x20)
        appendPadded(seconds / 3600, 2, to: &buffer)
        buffer.append(0x3a)
        appendPadded(seconds / 60 % 60, 2, to: &buffer)
        buffer.append(0x3a)
        appendPadded(seconds % 60, 2, to: &buffer)
        buffer.append(0x2e)
        appendPadded(fraction, 6, to: &buffer)
        buffer.append(0x2b)
        buffer.append(0x30)
        buffer.append(0x30)
    }

    /// Decimal digits of an integer (a leading `-` when negative).
    static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(0x2d) }
        appendDigits(value.magnitude, to: &buffer)
    }

    /// `value` with leading zeros to `width` digits (a leading `-` when negative, as `String` pads).
    private static func appendPadded(_ value: Int64, _ width: Int, to buffer: inout [UInt8]) {
        if value < 0 {
            appendInteger(value, to: &buffer)
            return
        }
        let count = digitCount(UInt64(value))
        if count < width { buffer.append(contentsOf: repeatElement(0x30, count: width - count)) }
        appendDigits(UInt64(value), to: &buffer)
    }

    private static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 { rest /= 10; count += 1 }
        return count
    }

    private static func appendDigits(_ value: UInt64, to buffer: inout [UInt8]) {
        let start = buffer.count
        var rest = value
        repeat {
            buffer.append(UInt8(truncatingIfNeeded: 0x30 + rest % 10))
            rest /= 10
        } while rest > 0
        buffer[start...].reverse()
    }

    private static func string(_ body: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        body(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One table's COPY text, row by row: each call appends a field (tab separated), `endRow()` ends the
/// line. Text is escaped as COPY's text format requires; `nil` is `\N`.
struct CopyTextBuffer {
    private(set) var bytes: [UInt8] = []
    private var rowStarted = false

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    private mutating func separate() {
        if rowStarted { bytes.append(0x09) } else { rowStarted = true }
    }

    mutating func endRow() {
        bytes.append(0x0a)
        rowStarted = false
    }

    mutating func null() {
        separate()
        bytes.append(0x5c)
        bytes.append(0x4e)
    }

    mutating func text(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 == 0x5c || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }) {
                bytes.append(contentsOf: utf8)
            } else {
                CopyText.appendEscaped(String(decoding: utf8, as: UTF8.self), to: &bytes)
            }
        }
    }

    mutating func text(_ value: String?) { if let value { text(value) } else { null() } }

    mutating func uuid(_ value: UUID) { separate(); CopyFormat.appendUUID(value, to: &bytes) }
    mutating func uuid(_ value: UUID?) { if let value { uuid(value) } else { null() } }

    mutating func decimal(_ value: Decimal) { separate(); CopyFormat.appendDecimal(value, to: &bytes) }
    mutating func decimal(_ value: Decimal?) { if let value { decimal(value) } else { null() } }

    mutating func integer(_ value: Int) { separate(); CopyFormat.appendInteger(Int64(value), to: &bytes) }
    mutating func integer(_ value: Int64) { separate(); CopyFormat.appendInteger(value, to: &bytes) }
    mutating func integer(_ value: Int?) { if let value { integer(value) } else { null() } }

    mutating func date(_ value: CalendarDate) { separate(); CopyFormat.appendDate(value, to: &bytes) }

    mutating func instant(_ value: Date) { separate(); CopyFormat.appendInstant(value, to: &bytes) }
    mutating func instant(_ value: Date?) { if let value { instant(value) } else { null() } }
}
