import Foundation

/// Where a model's `Double` becomes money: rounding to cents as `Decimal`.
///
/// Convention: **banker's rounding (half to even)** on the value's shortest round-trip decimal
/// form. The shortest form is what the model "meant" (2.675 is stored as 2.67499999… in binary,
/// but its shortest form is "2.675"), and half-even avoids the upward drift of half-up over many
/// roundings. So 2.675 → 2.68, 2.665 → 2.66, −0.125 → −0.12.
public enum Money {
    /// `value` rounded to `scale` decimal places (2 = cents), half to even.
    /// - Throws: `FinanceError.invalidInput(field: "amount", …)` for NaN or infinity.
    public static func rounded(_ value: Double, scale: Int = 2) throws -> Decimal {
        guard value.isFinite else {
            throw FinanceError.invalidInput(field: "amount", rule: "must be a finite number to become money (got \(value))")
        }
        guard let exact = Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")) else {
            throw FinanceError.invalidInput(field: "amount", rule: "cannot be written as a decimal (got \(value))")
        }
        return rounded(exact, scale: scale)
    }

    /// `value` rounded to `scale` decimal places, half to even.
    public static func rounded(_ value: Decimal, scale: Int = 2) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .bankers)
        return output
    }

    /// `value` rounded to cents (half to even). Shorthand for `rounded(value, scale: 2)`.
    public static func cents(_ value: Double) throws -> Decimal {
        try rounded(value, scale: 2)
    }
}
