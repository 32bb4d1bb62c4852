import Foundation
import Ledger
import PostgresClient

/// Text forms of values in COPY text rows. Instants are written in UTC with microseconds (the
/// store's resolution), so the same `Date` always produces the same stored value.
enum CopyFormat {
    /// Plain decimal text, as Foundation writes it. Foundation's formatting divides the 128-bit
    /// mantissa digit by digit; values whose mantissa fits 64 bits (every price and amount in
    /// practice) are written directly from the stored fields instead, when a start-up self-check
    /// shows this platform's `Decimal` layout is the one read here; otherwise Foundation formats.
    static func decimal(_ value: Decimal) -> String {
        if fastDecimalLayout, let text = fastDecimal(value) { return text }
        return foundationDecimal(value)
    }

    static func foundationDecimal(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }

    /// Reads exponent, sign, length and the low four mantissa words (byte 0: exponent; byte 1:
    /// length in the high nibble, sign in bit 3; bytes 4…19: mantissa words, little endian).
    static func fastDecimal(_ value: Decimal) -> String? {
        guard MemoryLayout<Decimal>.size == 20, !value.isNaN else { return nil }
        return withUnsafeBytes(of: value) { raw -> String? in
            let length = Int(raw[1] >> 4)
            guard length <= 4 else { return nil }
            if length == 0 { return "0" }
            var mantissa: UInt64 = 0
            for word in stride(from: 3, through: 0, by: -1) {
                mantissa = mantissa << 16 | UInt64(raw[4 + 2 * word]) | UInt64(raw[5 + 2 * word]) << 8
            }
            let exponent = Int(Int8(bitPattern: raw[0]))
            let negative = raw[1] & 0x08 != 0
            var digits = String(mantissa)
            if exponent > 0 {
                digits += String(repeating: "0", count: exponent)
            } else if exponent < 0 {
                let scale = -exponent
                if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
            }
            return negative ? "-" + digits : digits
        }
    }

    /// True when the fast path writes exactly what Foundation writes for a spread of values.
    static let fastDecimalLayout: Bool = {
        let probes = ["0", "1", "-1", "10.5", "10.50", "-123.45", "0.05", "-0.001", "70000", "123456789012.345678", "4999.99",
                      "18446744073709551615", "0.333333333333333333"].compactMap { Decimal(string: $0) }
            + [Decimal(1) / Decimal(3), Decimal(sign: .minus, exponent: 3, significand: 42), Decimal(sign: .plus, exponent: -20, significand: 7)]
        return probes.allSatisfy { probe in fastDecimal(probe).map { $0 == foundationDecimal(probe) } ?? true }
            && probes.contains { fastDecimal($0) != nil }
    }()

    /// `YYYY-MM-DD`.
    static func date(_ date: CalendarDate) -> String {
        pad(Int64(date.year), 4) + "-" + pad(Int64(date.month), 2) + "-" + pad(Int64(date.day), 2)
    }

    static func uuid(_ value: UUID) -> String { value.uuidString.lowercased() }

    static func instant(_ date: Date) -> String {
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
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(fraction, 6))+00"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Optional {
    func copyText(_ transform: (Wrapped) -> String) -> String? { map(transform) }
}
