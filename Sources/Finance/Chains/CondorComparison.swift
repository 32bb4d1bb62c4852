/// The default condor: short strikes at the model's short-delta selection, wings fixed width.
public struct CondorComparison: Sendable, Hashable, Codable {
    public var longPut: Double
    public var shortPut: Double
    public var shortCall: Double
    public var longCall: Double
    /// Net credit per unit at model prices.
    public var modelCredit: Double
    /// Net credit per unit at the real mids (nil unless all four legs have a real bid).
    public var realCredit: Double?
    public var shortPutRealDelta: Double?
    public var shortCallRealDelta: Double?

    /// model credit ÷ real credit.
    public var creditRatio: Double? { realCredit.flatMap { $0 > 0 ? modelCredit / $0 : nil } }
}
