import Foundation

/// Risk and return statistics of a series of periodic simple returns (0.01 = +1 % in one period),
/// with the conventions of empyrical (the library behind pyfolio and zipline), which
/// `../shared/oracles/metrics_vectors.csv` was computed with. `periodsPerYear` is 252 for daily
/// returns.
///
/// A ratio whose denominator is zero (no volatility, no downside, no drawdown) or a statistic of an
/// empty series is `nil` — printed `none` — never a division by zero.
public struct ReturnStatistics: Sendable, Hashable {
    /// Number of returns.
    public var count: Int
    /// Π(1 + r) − 1.
    public var cumulativeReturn: Double?
    /// CAGR: (1 + cumulative)^(periodsPerYear / n) − 1.
    public var annualReturn: Double?
    /// Sample standard deviation (n − 1) × √periodsPerYear.
    public var annualVolatility: Double?
    /// mean(r) / std(r, n − 1) × √periodsPerYear (risk-free rate 0).
    public var sharpe: Double?
    /// mean(r) × periodsPerYear / (√mean(min(r, 0)²) × √periodsPerYear) (required return 0).
    public var sortino: Double?
    /// The lowest wealth / running peak − 1 of the compounded wealth curve that starts at 1: a
    /// fraction ≤ 0 (−0.25 = a 25 % drawdown); 0 when wealth never fell below a peak.
    public var maxDrawdown: Double?
    /// annualReturn / |maxDrawdown|; nil where there is no drawdown.
    public var calmar: Double?

    public init(returns: [Double], periodsPerYear: Int = 252) {
        count = returns.count
        guard !returns.isEmpty, periodsPerYear > 0 else { return }
        let periods = Double(periodsPerYear)
        let n = Double(returns.count)

        var wealth = 1.0, peak = 1.0, drawdown = 0.0
        for r in returns {
            wealth *= 1 + r
            peak = max(peak, wealth)
            drawdown = min(drawdown, wealth / peak - 1)
        }
        cumulativeReturn = wealth - 1
        annualReturn = wealth >= 0 ? pow(wealth, periods / n) - 1 : nil
        maxDrawdown = drawdown

        let mean = returns.reduce(0, +) / n
        if returns.count > 1 {
            let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            let deviation = variance.squareRoot()
            annualVolatility = deviation * periods.squareRoot()
            sharpe = deviation > 0 ? mean / deviation * periods.squareRoot() : nil
        }
        let downsideSquares = returns.reduce(0) { $0 + min($1, 0) * min($1, 0) } / n
        let downside = downsideSquares.squareRoot() * periods.squareRoot()
        sortino = downside > 0 ? mean * periods / downside : nil
        if let annualReturn, drawdown < 0 { calmar = annualReturn / -drawdown }
    }
}
