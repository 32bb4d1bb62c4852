import Foundation
import Testing
@testable import Finance

/// The deflated Sharpe ratio against values computed independently with python3 (numpy 1.x, scipy
/// 1.17: `scipy.stats.norm`, `skew(bias=True)`, `kurtosis(fisher=False, bias=True)`), at 1e-9
/// relative; the script is in the comments of each test.
@Suite("Deflated Sharpe ratio")
struct DeflatedSharpeRatioTests {
    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    /// r_i = 0.0004 + 0.01·sin(1.7 i) + 0.006·cos(0.31 i)³, i = 0…499.
    static let returns: [Double] = (0..<500).map { (i: Int) -> Double in
        let x = Double(i)
        let wave: Double = 0.01 * sin(x * 1.7)
        let cube: Double = pow(cos(x * 0.31), 3)
        return 0.0004 + wave + 0.006 * cube
    }
    /// 40 trials: 0.01·sin(0.9 k) + 0.03.
    static let trials: [Double] = (0..<40).map { (k: Int) -> Double in 0.01 * sin(Double(k) * 0.9) + 0.03 }

    @Test("quantile Φ⁻¹ matches scipy.stats.norm.ppf from 1e-12 to 1 − 1e-6")
    func quantile() {
        let cases: [(Double, Double)] = [(1e-12, -7.034483825301131), (0.001, -3.090232306167813), (0.02, -2.053748910631823),
                                         (0.3, -0.5244005127080409), (0.8, 0.8416212335729143), (0.975, 1.959963984540054),
                                         (0.999999, 4.753424308817087)]
        for (p, expected) in cases {
            #expect(Self.close(NormalDistribution.quantile(p), expected), "Φ⁻¹(\(p)) = \(NormalDistribution.quantile(p)), scipy \(expected)")
        }
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.quantile(0) == -.infinity && NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
    }

    @Test("moments, expected maximum Sharpe and DSR of a 500-return series over 40 trials match scipy")
    func deflatedFromReturns() throws {
        let moments = try #require(ReturnMoments(Self.returns))
        #expect(Self.close(moments.mean / moments.deviation, 0.04875993489332132))
        #expect(Self.close(moments.skewness, 0.0010954159833956938, 1e-7)) // a small number from a difference: 1e-7
        #expect(Self.close(moments.kurtosis, 1.9827482568736312))
        #expect(Self.close(ReturnMoments.sampleVariance(Self.trials), 4.971450691247995e-05))
        #expect(Self.close(DeflatedSharpeRatio.expectedMaximumSharpe(trials: 40, variance: 4.971450691247995e-05), 0.01543769995236199))
        #expect(Self.close(DeflatedSharpeRatio.deflated(returns: Self.returns, trialSharpes: Self.trials), 0.7716116400562139))
    }

    @Test("PSR with skew −0.5, kurtosis 5 and E[max SR] of 100 trials (V = 0.0004) match scipy")
    func closedForms() {
        // norm.cdf((0.1 − 0.05)·√251 / √(1 + 0.5·0.1 + (5 − 1)/4·0.01))
        #expect(Self.close(DeflatedSharpeRatio.probabilistic(sharpe: 0.1, benchmark: 0.05, observations: 252, skewness: -0.5, kurtosis: 5),
                           0.7791729759124011))
        #expect(Self.close(DeflatedSharpeRatio.expectedMaximumSharpe(trials: 100, variance: 0.0004), 0.050612057864033694))
        // A Sharpe equal to its benchmark is as likely above as below it.
        #expect(DeflatedSharpeRatio.probabilistic(sharpe: 0.07, benchmark: 0.07, observations: 30, skewness: 1, kurtosis: 9) == 0.5)
    }

    @Test("one trial deflates nothing; more trials deflate more; degenerate inputs are nil")
    func edges() throws {
        #expect(DeflatedSharpeRatio.expectedMaximumSharpe(trials: 1, variance: 0.01) == 0)
        let one = try #require(DeflatedSharpeRatio.deflated(sharpe: 0.05, observations: 500, skewness: 0, kurtosis: 3, trials: 1, trialVariance: 0.001))
        let many = try #require(DeflatedSharpeRatio.deflated(sharpe: 0.05, observations: 500, skewness: 0, kurtosis: 3, trials: 200, trialVariance: 0.001))
        #expect(many < one)
        #expect(DeflatedSharpeRatio.probabilistic(sharpe: 0.1, benchmark: 0, observations: 1, skewness: 0, kurtosis: 3) == nil)
        #expect(DeflatedSharpeRatio.deflated(returns: [0.01, 0.01, 0.01], trialSharpes: [0.1, 0.2]) == nil)
    }
}
