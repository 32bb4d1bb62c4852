import Foundation

/// `String(format: "%.Nf", value)` for N = 0…3, without the cost of a format string: the
/// advisor writes its reasons with it for every condor at every mark of a backtest.
///
/// Exact, like printf: the binary value is rounded to N decimals half to even on its exact
/// expansion (`m · 2^e · 10^N` in integer arithmetic), and a negative value keeps its sign even
/// when it rounds to zero (`-0.00`). Other digit counts, non-finite and huge values go to
/// `String(format:)`.
enum FixedDigits {
    static func format(_ value: Double, digits: Int) -> String {
        guard (0...3).contains(digits), value.isFinite, value.magnitude < 0x1p52 else {
            return String(format: "%.\(digits)f", value)
        }
        let scaled = rounded(value.magnitude, digits: digits)
        var text = String(scaled)
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits + 1 - text.count) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return value.sign == .minus ? "-" + text : text
    }

    /// |value| · 10^digits rounded half to even, exactly (|value| < 2^52, digits ≤ 3).
    private static func rounded(_ magnitude: Double, digits: Int) -> UInt64 {
        // Below 2^-60 even × 1000 is far under a half: 0 (this also leaves subnormals out).
        guard magnitude >= 0x1p-60 else { return 0 }
        var power: UInt64 = 1
        for _ in 0..<digits { power *= 10 }
        // magnitude = significand · 2^exponent exactly.
        let significand = magnitude.significandBitPattern | 1 << 52
        let exponent = Int(magnitude.exponent) - 52
        // significand < 2^53 and power ≤ 1000 < 2^10: the product fits in 63 bits.
        let product = significand * power
        if exponent >= 0 { return product << UInt64(exponent) }
        let shift = -exponent
        guard shift < 64 else { return 0 } // below 2^-1: rounds to 0
        let quotient = product >> UInt64(shift)
        let remainder = product & ((1 << UInt64(shift)) - 1)
        let half: UInt64 = 1 << UInt64(shift - 1)
        if remainder > half || (remainder == half && quotient & 1 == 1) { return quotient + 1 }
        return quotient
    }
}
