import Finance
import Foundation

/// The model inputs used where the ledger has no recorded price. Every figure is a parameter; the
/// defaults are documented here and printed by the reports that use them.
public struct ValuationSettings: Sendable, Hashable {
    /// Continuously compounded risk-free rate (annual fraction) for BSM and Black-76.
    public var rate: Double
    /// Continuous dividend yield of the S&P 500 (annual fraction).
    public var dividendYield: Double
    /// Implied volatility of each SPX leg from the recorded VIX: σ(VIX, ln K/F, t).
    public var skew: VolatilitySkew
    /// Volatility (annual fraction) for VIX options under Black-76 (no VIX-of-VIX is recorded).
    public var vixOptionVolatility: Double
    /// Dollars of initial margin one VIX future commits (docs/design.md, "Realized IRR": a parameter).
    public var vixFutureMargin: Decimal

    public init(rate: Double = 0.04, dividendYield: Double = 0.013, skew: VolatilitySkew = VolatilitySkew(),
                vixOptionVolatility: Double = 0.9, vixFutureMargin: Decimal = 10_000) {
        self.rate = rate
        self.dividendYield = dividendYield
        self.skew = skew
        self.vixOptionVolatility = vixOptionVolatility
        self.vixFutureMargin = vixFutureMargin
    }

    public static let standard = ValuationSettings()
}
