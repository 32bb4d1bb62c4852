import Foundation
import Ledger
import PostgresClient

/// Text forms of values written to the projections: decimals (the digits and scale a `numeric`
/// receives, see `CopyBinaryRows.numeric`) and uuids, appended straight to a byte buffer.
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
