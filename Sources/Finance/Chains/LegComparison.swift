/// One option the model selected: what the model says and what the chain says at that strike.
public struct LegComparison: Sendable, Hashable, Codable {
    public var right: OptionRight
    /// The |delta| the strike was selected for (nil for a condor's long wing).
    public var targetDelta: Double?
    public var strike: Double
    /// Whether the chain lists the strike for this expiry and root.
    public var listed: Bool
    public var modelMid: Double
    /// The real mid, when the option has a real bid.
    public var realMid: Double?
    public var modelVolatility: Double
    /// The Black-Scholes-Merton volatility of the real mid under the same spot, rate, dividend and time.
    public var realVolatility: Double?
    public var modelDelta: Double
    /// CBOE's delta.
    public var realDelta: Double?
}
