/// A chain's parity-implied rate and dividend yield: medians of the per-expiry estimates with
/// `days` calendar days to expiry (one root per date).
public struct ChainParity: Sendable, Hashable, Codable {
    public var estimates: [ParityEstimate]
    public var medianRate: Double?
    public var medianDividendYield: Double?

    public init(_ chain: OptionChain, days: ClosedRange<Int> = 14...400) {
        estimates = chain.preferredExpiries.compactMap { ParityEstimate.estimate($0, in: chain) }
        let used = estimates.filter { days.contains($0.daysToExpiry) }
        medianRate = Self.median(used.map(\.rate))
        medianDividendYield = Self.median(used.map(\.dividendYield))
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
