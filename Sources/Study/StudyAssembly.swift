import Finance
import Foundation
import Strategy

/// Puts a study's backtests together: per window and policy the best candidates with their figures
/// and the in-sample DSR; per policy the chosen candidates joined in sample and their stitched
/// out-of-sample account.
struct StudyAssembly {
    let plan: StudyPlan
    /// Figures of every (window, policy, candidate) train job, in that order.
    let train: [StudyFigures]
    /// window → policy → the reported candidates' indexes, best first.
    let ranked: [[[Int]]]
    /// Figures of the reported candidates on each test window, in the order of `ranked`.
    let test: [StudyFigures]
    /// Each policy's stitched out-of-sample account (`StudyStitching`), in policy order.
    let stitchedAccounts: [StudyFigures]

    func result() -> StudyResult {
        var windows: [WindowResult] = []
        var trainOffset = 0, testOffset = 0
        for (w, window) in plan.windows.enumerated() {
            var policies: [PolicyWindowResult] = []
            for (p, candidates) in plan.candidates.enumerated() {
                let figures = Array(train[trainOffset..<trainOffset + candidates.count])
                trainOffset += candidates.count
                let best = ranked[w][p].map { index -> CandidateResult in
                    defer { testOffset += 1 }
                    return CandidateResult(index: index, label: candidates[index].label, score: plan.objective.score(figures[index]),
                                           inSample: figures[index], outOfSample: test[testOffset])
                }
                let variance = ReturnMoments.sampleVariance(figures.compactMap(\.periodSharpe))
                let chosen = figures[best[0].index]
                policies.append(PolicyWindowResult(
                    policy: candidates[0].policy, candidatesTried: candidates.count, best: best, scores: figures.map { plan.objective.score($0) },
                    deflatedSharpe: DeflatedSharpeRatio.deflated(returns: chosen.dailyReturns, trialSharpes: figures.compactMap(\.periodSharpe)),
                    trialSharpeVariance: variance))
            }
            windows.append(WindowResult(window: window, policies: policies))
        }
        return StudyResult(objective: plan.objective, windows: windows, stitched: stitched(windows))
    }

    func stitched(_ windows: [WindowResult]) -> [StitchedResult] {
        plan.candidates.indices.map { p in
            let perWindow = windows.map { $0.policies[p] }
            let inSample = StudyFigures.stitched(perWindow.map(\.chosen.inSample))
            let outOfSample = stitchedAccounts[p]
            let perWindowCount = plan.candidates[p].count
            let variance = perWindow.map(\.trialSharpeVariance).reduce(0, +) / Double(max(perWindow.count, 1))
            var dsr: Double?
            if let m = ReturnMoments(outOfSample.dailyReturns), m.deviation > 0 {
                dsr = DeflatedSharpeRatio.deflated(sharpe: m.mean / m.deviation, observations: outOfSample.dailyReturns.count, skewness: m.skewness,
                                                   kurtosis: m.kurtosis, trials: perWindowCount, trialVariance: variance)
            }
            return StitchedResult(policy: plan.candidates[p][0].policy, candidatesPerWindow: perWindowCount, candidatesTried: perWindowCount * windows.count,
                                  inSample: inSample, outOfSample: outOfSample, inSampleScore: plan.objective.score(inSample),
                                  outOfSampleScore: plan.objective.score(outOfSample), deflatedSharpe: dsr)
        }
    }
}
