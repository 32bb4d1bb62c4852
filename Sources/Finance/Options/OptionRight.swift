/// The right an option conveys: to buy (call) or to sell (put) the underlying at the strike.
public enum OptionRight: String, Sendable, Hashable, CaseIterable, Codable {
    case call
    case put

    /// +1 for a call, −1 for a put (the sign of the payoff's slope in the underlying).
    @inlinable
    public var sign: Double { self == .call ? 1 : -1 }

    /// Reads `c`/`call`/`p`/`put` in any case.
    public init?(code: String) {
        switch code.lowercased() {
        case "c", "call": self = .call
        case "p", "put": self = .put
        default: return nil
        }
    }

    /// Payoff at expiry per unit for an underlying level `underlying`: max(±(S − K), 0).
    @inlinable
    public func payoff(underlying: Double, strike: Double) -> Double {
        max(sign * (underlying - strike), 0)
    }
}
