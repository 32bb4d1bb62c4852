/// Value and sensitivities of one European option per unit of underlying (no contract multiplier).
///
/// Units follow the project's oracle files: `vega` and `volga` are per 1.00 of volatility (divide by
/// 100 for "per vol point"), `theta` is dV/dt per year of calendar time (negative for a long option
/// that loses time value; divide by 365 for per day), `rho` per 1.00 of rate.
public struct OptionGreeks: Sendable, Hashable {
    /// Price in index points.
    public var price: Double
    /// dV/dS.
    public var delta: Double
    /// d²V/dS².
    public var gamma: Double
    /// dV/dσ per 1.00 of volatility.
    public var vega: Double
    /// dV/dt per year as calendar time passes (−∂V/∂T).
    public var theta: Double
    /// dV/dr per 1.00 of rate.
    public var rho: Double
    /// d²V/dS dσ.
    public var vanna: Double
    /// d²V/dσ² (vomma) per 1.00 of volatility squared.
    public var volga: Double

    public init(price: Double, delta: Double, gamma: Double, vega: Double, theta: Double, rho: Double, vanna: Double, volga: Double) {
        self.price = price
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.theta = theta
        self.rho = rho
        self.vanna = vanna
        self.volga = volga
    }

    public static let zero = OptionGreeks(price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, vanna: 0, volga: 0)

    /// Sum of two sensitivities (for positions).
    public static func + (lhs: OptionGreeks, rhs: OptionGreeks) -> OptionGreeks {
        OptionGreeks(price: lhs.price + rhs.price, delta: lhs.delta + rhs.delta, gamma: lhs.gamma + rhs.gamma,
                     vega: lhs.vega + rhs.vega, theta: lhs.theta + rhs.theta, rho: lhs.rho + rhs.rho,
                     vanna: lhs.vanna + rhs.vanna, volga: lhs.volga + rhs.volga)
    }

    /// Every figure scaled by `factor` (a signed quantity × multiplier).
    public static func * (lhs: OptionGreeks, factor: Double) -> OptionGreeks {
        OptionGreeks(price: lhs.price * factor, delta: lhs.delta * factor, gamma: lhs.gamma * factor,
                     vega: lhs.vega * factor, theta: lhs.theta * factor, rho: lhs.rho * factor,
                     vanna: lhs.vanna * factor, volga: lhs.volga * factor)
    }
}
