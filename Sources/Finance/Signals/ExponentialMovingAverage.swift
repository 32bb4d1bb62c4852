/// Exponential moving average with smoothing α = 2/(span + 1).
///
/// Seeding: the first output equals the first input (EMA₀ = x₀), then EMAᵢ = α·xᵢ + (1 − α)·EMAᵢ₋₁.
/// The output is aligned with the input (same count). This is pandas' `ewm(span:, adjust=False)`.
public enum ExponentialMovingAverage {
    /// The EMA series of `values` (empty in, empty out).
    /// - Precondition: `span` ≥ 1.
    public static func series(_ values: [Double], span: Int) -> [Double] {
        precondition(span >= 1, "span must be at least 1")
        return series(values, alpha: 2 / (Double(span) + 1))
    }

    /// The EMA series with an explicit smoothing factor α ∈ (0, 1] (Wilder's smoothing is α = 1/n).
    public static func series(_ values: [Double], alpha: Double) -> [Double] {
        var output: [Double] = []
        output.reserveCapacity(values.count)
        var current = 0.0
        for (index, value) in values.enumerated() {
            current = index == 0 ? value : current + alpha * (value - current)
            output.append(current)
        }
        return output
    }
}
