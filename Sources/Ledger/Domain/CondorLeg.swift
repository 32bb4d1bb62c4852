import Foundation

/// One option leg of a condor position. `quantity` is in contracts, signed: > 0 long, < 0 short.
/// `price` is the leg's fill per unit (index points) when the trader gave per-leg fills.
public struct CondorLeg: Codable, Sendable, Hashable {
    public var right: OptionRight
    @DecimalText public var strike: Decimal
    public var quantity: Int
    @OptionalDecimalText public var price: Decimal?

    public init(right: OptionRight, strike: Decimal, quantity: Int, price: Decimal? = nil) {
        self.right = right
        self.strike = strike
        self.quantity = quantity
        self.price = price
    }
}
