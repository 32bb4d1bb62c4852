import Foundation

/// Close-to-close realized volatility: sample standard deviation (n − 1) of the last `window` daily
/// log returns ln(Cᵢ/Cᵢ₋₁), annualised by √252. Returned as an annual fraction (0.15 = 15 %),
/// comparable with VIX/100.
public enum RealizedVolatility {
    /// Realized volatility of the last `window` returns of `closes` (oldest first), or nil with fewer
    /// than `window + 1` closes or a close that is not finite and > 0.
    public static func latest(_ closes: [Double], window: Int = 20, periodsPerYear: Double = 252) -> Double? {
        guard window >= 2, closes.count > window else { return nil }
        return compute(closes[(closes.count - window - 1)...], periodsPerYear: periodsPerYear)
    }

    /// Rolling series aligned with `closes`: nil until `window + 1` closes are available.
    public static func series(_ closes: [Double], window: Int = 20, periodsPerYear: Double = 252) -> [Double?] {
        guard window >= 2 else { return Array(repeating: nil, count: closes.count) }
        return closes.indices.map { end in
            end >= window ? compute(closes[(end - window)...end], periodsPerYear: periodsPerYear) : nil
        }
    }

    static func compute(_ closes: ArraySlice<Double>, periodsPerYear: Double) -> Double? {
        guard closes.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        var returns: [Double] = []
        returns.reserveCapacity(closes.count - 1)
        var previous = closes[closes.startIndex]
        for close in closes.dropFirst() {
            returns.append(log(close / previous))
            previous = close
        }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
        return (variance * periodsPerYear).squareRoot()
    }
}
