/// An input the finance library refuses, or a quantity it cannot produce. Every case names the
/// field (or bound) involved so callers can report it as `field: rule`.
public enum FinanceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `field` broke `rule`, e.g. `("spot", "must be a finite number greater than 0")`.
    case invalidInput(field: String, rule: String)
    /// An option price below the no-arbitrage lower bound (discounted intrinsic value), or equal to it
    /// (no time value, so no volatility).
    case priceBelowIntrinsic(price: Double, intrinsic: Double)
    /// An option price at or above the no-arbitrage upper bound (call: discounted forward; put:
    /// discounted strike).
    case priceAboveUpperBound(price: Double, bound: Double)

    /// The field the error is about.
    public var field: String {
        switch self {
        case .invalidInput(let field, _): return field
        case .priceBelowIntrinsic, .priceAboveUpperBound: return "price"
        }
    }

    /// The broken rule, in words.
    public var rule: String {
        switch self {
        case .invalidInput(_, let rule):
            return rule
        case .priceBelowIntrinsic(let price, let intrinsic):
            return "\(price) is at or below the lower no-arbitrage bound (discounted intrinsic value \(intrinsic)): no implied volatility"
        case .priceAboveUpperBound(let price, let bound):
            return "\(price) is at or above the upper no-arbitrage bound \(bound): no implied volatility"
        }
    }

    public var description: String { "\(field): \(rule)" }
}

@usableFromInline
enum Check {
    /// Throws unless `value` is finite and > 0.
    @inlinable
    static func positive(_ value: Double, _ field: String) throws {
        guard value.isFinite, value > 0 else {
            throw FinanceError.invalidInput(field: field, rule: "must be a finite number greater than 0 (got \(value))")
        }
    }

    /// Throws unless `value` is finite.
    @inlinable
    static func finite(_ value: Double, _ field: String) throws {
        guard value.isFinite else {
            throw FinanceError.invalidInput(field: field, rule: "must be a finite number (got \(value))")
        }
    }
}
