import Foundation

/// The standard normal distribution, computed through `erfc` so that both tails keep full relative
/// precision (no `1 - Φ` cancellation) and nothing underflows to NaN.
public enum NormalDistribution {
    /// 1/√(2π).
    public static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
    @usableFromInline static let inverseSqrtTwo = 0.707_106_781_186_547_524_40

    /// Φ(x) = ½·erfc(−x/√2). Accurate to a few ulps relative in both tails.
    @inlinable
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x * inverseSqrtTwo)
    }

    /// φ(x) = exp(−x²/2)/√(2π).
    @inlinable
    public static func pdf(_ x: Double) -> Double {
        inverseSqrtTwoPi * exp(-0.5 * x * x)
    }
}
