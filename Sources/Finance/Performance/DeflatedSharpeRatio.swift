import Foundation

/// The deflated Sharpe ratio of Bailey & López de Prado (2014, "The Deflated Sharpe Ratio:
/// Correcting for Selection Bias, Backtest Overfitting and Non-Normality"): the probability that
/// the true Sharpe ratio of the selected strategy is above what the best of `trials` unskilled
/// strategies would show by luck.
///
/// Every Sharpe ratio here is **per period** (not annualized): mean / standard deviation of the
/// same periodic returns the statistics were taken from. Skewness and kurtosis are the population
/// (biased) moments; kurtosis is the plain fourth moment (3 for a normal, not excess).
public enum DeflatedSharpeRatio {
    /// The Euler–Mascheroni constant γ.
    public static let eulerMascheroni = 0.577_215_664_901_532_860_61

    /// The probabilistic Sharpe ratio PSR(SR*) = Φ((SR − SR*)·√(n − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)),
    /// the probability that the true Sharpe ratio exceeds `benchmark` given `sharpe` measured over
    /// `observations` returns with `skewness` γ₃ and `kurtosis` γ₄. Nil with fewer than 2 observations
    /// or where the variance term is not positive.
    public static func probabilistic(sharpe: Double, benchmark: Double, observations: Int, skewness: Double, kurtosis: Double) -> Double? {
        guard observations >= 2 else { return nil }
        let variance = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe
        guard variance > 0, variance.isFinite else { return nil }
        return NormalDistribution.cdf((sharpe - benchmark) * Double(observations - 1).squareRoot() / variance.squareRoot())
    }

    /// The expected maximum Sharpe ratio of `trials` independent unskilled trials whose Sharpe
    /// ratios have variance `variance` across trials: √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))).
    /// 0 for a single trial (nothing was selected).
    public static func expectedMaximumSharpe(trials: Int, variance: Double) -> Double {
        guard trials >= 2, variance > 0 else { return 0 }
        let n = Double(trials)
        let g = eulerMascheroni
        return variance.squareRoot() * ((1 - g) * NormalDistribution.quantile(1 - 1 / n) + g * NormalDistribution.quantile(1 - 1 / (n * M_E)))
    }

    /// DSR = PSR(SR₀) with SR₀ the expected maximum Sharpe of `trials` trials whose per-period
    /// Sharpe ratios vary with `trialVariance`.
    public static func deflated(sharpe: Double, observations: Int, skewness: Double, kurtosis: Double, trials: Int, trialVariance: Double) -> Double? {
        probabilistic(sharpe: sharpe, benchmark: expectedMaximumSharpe(trials: trials, variance: trialVariance),
                      observations: observations, skewness: skewness, kurtosis: kurtosis)
    }

    /// The same from the selected strategy's periodic returns and the per-period Sharpe ratios of
    /// every trial (the selected one included). Nil when the returns have no variance.
    public static func deflated(returns: [Double], trialSharpes: [Double]) -> Double? {
        guard let moments = ReturnMoments(returns), moments.deviation > 0 else { return nil }
        return deflated(sharpe: moments.mean / moments.deviation, observations: returns.count, skewness: moments.skewness,
                        kurtosis: moments.kurtosis, trials: trialSharpes.count, trialVariance: ReturnMoments.sampleVariance(trialSharpes))
    }
}

/// Mean, sample standard deviation (n − 1) and the population skewness and kurtosis (not excess)
/// of a series, the inputs of the probabilistic Sharpe ratio.
public struct ReturnMoments: Sendable, Hashable {
    public var mean: Double
    /// Sample standard deviation (n − 1), as the Sharpe ratio of `ReturnStatistics`.
    public var deviation: Double
    /// m₃ / m₂^1.5 with population central moments.
    public var skewness: Double
    /// m₄ / m₂² with population central moments (3 for a normal).
    public var kurtosis: Double

    /// Nil for fewer than 2 values.
    public init?(_ values: [Double]) {
        guard values.count >= 2 else { return nil }
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in values {
            let d = v - mean, d2 = d * d
            m2 += d2; m3 += d2 * d; m4 += d2 * d2
        }
        m2 /= n; m3 /= n; m4 /= n
        deviation = (m2 * n / (n - 1)).squareRoot()
        skewness = m2 > 0 ? m3 / pow(m2, 1.5) : 0
        kurtosis = m2 > 0 ? m4 / (m2 * m2) : 3
    }

    /// Σ(x − x̄)² / (n − 1); 0 for fewer than 2 values.
    public static func sampleVariance(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }
}
