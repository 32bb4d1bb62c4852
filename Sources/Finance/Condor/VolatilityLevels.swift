/// The CBOE volatility indices recorded at one mark, in index points (15 = 15 %). VIX is always
/// there; VIX9D (9-day) and VIX3M (3-month) when the feed records them.
public struct VolatilityLevels: Sendable, Hashable, Codable {
    public var vix9d: Double?
    public var vix: Double
    public var vix3m: Double?

    public init(vix9d: Double? = nil, vix: Double, vix3m: Double? = nil) {
        self.vix9d = vix9d
        self.vix = vix
        self.vix3m = vix3m
    }
}
