/// The VIX term structure's slope as a ratio of a nearer to a farther volatility: VIX/VIX3M, or the
/// front VIX future over the second. Above 1 is backwardation (stress), below 1 contango.
public struct TermStructure: Sendable, Hashable {
    /// near / far.
    public var ratio: Double

    /// nil unless both levels are finite and > 0.
    public init?(near: Double, far: Double) {
        guard near.isFinite, far.isFinite, near > 0, far > 0 else { return nil }
        ratio = near / far
    }

    /// ratio > 1.
    public var isBackwardation: Bool { ratio > 1 }
    /// ratio < 1.
    public var isContango: Bool { ratio < 1 }
}
