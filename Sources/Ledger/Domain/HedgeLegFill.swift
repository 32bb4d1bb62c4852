import Foundation

/// One leg of a multi-leg hedge order as typed: `--leg 'INSTRUMENT=±QUANTITY@PRICE'`, e.g.
/// `VIX 2026-01-21 C 22=+2@1.15` (buy 2 at 1.15) or `VIX 2026-01-21 C 30=-2@0.35` (sell 2 at 0.35).
/// The instrument is a `HedgeInstrument` spec; the quantity is the leg's contracts (or shares), signed
/// (+ bought, − sold; no sign is +); the price the fill per unit of the instrument, ≥ 0.
public struct HedgeLegFill: Sendable, Hashable {
    public var instrument: HedgeInstrument
    public var quantity: Int
    public var price: Decimal

    public init(instrument: HedgeInstrument, quantity: Int, price: Decimal) {
        self.instrument = instrument
        self.quantity = quantity
        self.price = price
    }

    /// Parses a `--leg` spec; errors name `field` and the rule.
    public init(spec text: String, field: String = "--leg") throws {
        let form = "expected 'INSTRUMENT=±QUANTITY@PRICE', e.g. 'VIX 2026-01-21 C 22=+2@1.15' (got \(Echo.quoted(text)))"
        let parts = text.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { throw LedgerValidationError(field: field, rule: form) }
        let instrument = try HedgeInstrument(spec: parts[0].trimmingCharacters(in: .whitespaces), field: field)
        let fill = parts[1].split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard fill.count == 2 else { throw LedgerValidationError(field: field, rule: form) }
        let negative = fill[0].hasPrefix("-")
        let digits = fill[0].hasPrefix("-") || fill[0].hasPrefix("+") ? String(fill[0].dropFirst()) : fill[0]
        let count = try FieldParser.count(digits, field: field)
        let price = try PriceRule.price(fill[1], field: field, what: "price")
        self.init(instrument: instrument, quantity: negative ? -count : count, price: price)
    }

    /// `VIX 2026-01-21 C 22=+2@1.15`.
    public var spec: String {
        "\(instrument.spec)=\(quantity > 0 ? "+" : "")\(quantity)@\(DecimalParser.format(price))"
    }

    /// The layer these legs make: its legs (ratios: each quantity ÷ the greatest common divisor of
    /// the quantities) and its units (that divisor). Checks the rules of a layer's legs: no
    /// instrument twice, one underlying, a long leg, and a net debit (a layer is bought).
    public static func layer(_ fills: [HedgeLegFill], field: String = "--leg") throws -> (legs: HedgeLegs, units: Int) {
        guard !fills.isEmpty else { throw LedgerValidationError(field: field, rule: "give at least one leg") }
        var seen = Set<HedgeInstrument>()
        for fill in fills where !seen.insert(fill.instrument).inserted {
            throw LedgerValidationError(field: field, rule: "lists \(fill.instrument.spec) twice; give each instrument once")
        }
        let underlyings = Array(Set(fills.map(\.instrument.underlyingName))).sorted()
        guard underlyings.count == 1 else {
            throw LedgerValidationError(field: field, rule: "a layer's legs must be on one underlying (got \(underlyings.joined(separator: " and ")))")
        }
        guard fills.contains(where: { $0.quantity > 0 }) else {
            throw LedgerValidationError(field: field, rule: "a layer is bought: it needs at least one long leg (+QUANTITY)")
        }
        let units = fills.map { abs($0.quantity) }.reduce(0, gcd)
        let legs = HedgeLegs(fills.map { HedgeLeg(instrument: $0.instrument, ratio: $0.quantity / units, price: $0.price) })
        if legs.netPrice < 0 {
            throw LedgerValidationError(field: field, rule: "a layer is bought: its legs must cost a net debit (got a net credit of \(DecimalParser.format(-legs.netPrice)) per unit)")
        }
        return (legs, units)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
