import Foundation
import Testing
@testable import Strategy

/// The advisor's reasons are recorded in events: `FixedDigits` must print exactly what
/// `String(format: "%.Nf")` prints.
@Suite struct FixedDigitsTests {
    @Test func printsWhatPrintfPrints() {
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.125, 0.0005, 1.0005, 0.0015, 0.005, 0.015, 0.045, 1e-7, -1e-7,
                                5e-324, 0x1p-61, 0.9995, 0.99949999, 999.9995, 12345.6785, 4503599627370495.5, 0x1p52, 1e300, .infinity, -.infinity, .nan,
                                0.16, -0.16, 1.0 / 3, 2.0 / 3, 0.1 + 0.2, 100, 123.456, 27.75]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let magnitude = pow(10, Double.random(in: -6...8, using: &generator))
            values.append(Double.random(in: -magnitude...magnitude, using: &generator))
            // Values on a thousandth, half-thousandth and quarter grid: the ties.
            values.append(Double(Int.random(in: -200_000...200_000, using: &generator)) / [1000, 2000, 4, 8, 200][Int.random(in: 0..<5, using: &generator)])
        }
        var wrong: [String] = []
        for value in values {
            for digits in 0...3 where FixedDigits.format(value, digits: digits) != String(format: "%.\(digits)f", value) {
                wrong.append("\(value) %.\(digits)f: \(FixedDigits.format(value, digits: digits)) vs \(String(format: "%.\(digits)f", value))")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }
}
