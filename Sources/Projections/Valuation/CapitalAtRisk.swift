import Foundation

/// Conventions of the capital-at-risk cash flows that are not market prices.
public enum CapitalAtRisk {
    /// Dollars of initial margin one VIX future commits while held (DESIGN: a parameter; this
    /// product's value).
    public static let vixFutureMargin: Decimal = 10_000
}
