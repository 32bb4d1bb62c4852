import Foundation
import Strategy

/// A candidate's figures on one window: in sample, and out of sample for the best few.
public struct CandidateResult: Sendable, Codable {
    public var index: Int
    public var label: String
    /// The objective in sample (nil: no figure; ranks last).
    public var score: Double?
    public var inSample: StudyFigures
    public var outOfSample: StudyFigures?
}

/// One policy on one window: its best candidates in sample (best first) and the chosen one.
public struct PolicyWindowResult: Sendable, Codable {
    public var policy: BacktestPolicy
    public var candidatesTried: Int
    /// The best `StudyPlan.reported` candidates in sample, best first, each with its test-window figures.
    public var best: [CandidateResult]
    /// Every candidate's objective in sample, by candidate index (the heat map).
    public var scores: [Double?]
    /// The deflated Sharpe ratio of the chosen candidate's in-sample returns, given every candidate tried.
    public var deflatedSharpe: Double?
    /// Variance of the candidates' per-session in-sample Sharpe ratios (the DSR's trial variance).
    public var trialSharpeVariance: Double

    public var chosen: CandidateResult { best[0] }
}

public struct WindowResult: Sendable, Codable {
    public var window: StudyWindow
    public var policies: [PolicyWindowResult]
}

/// One policy's chosen candidates joined over every window: in sample and out of sample.
public struct StitchedResult: Sendable, Codable {
    public var policy: BacktestPolicy
    /// Candidates tried per window.
    public var candidatesPerWindow: Int
    /// Backtests run for this policy (every candidate on every train window).
    public var candidatesTried: Int
    public var inSample: StudyFigures
    public var outOfSample: StudyFigures
    /// The objective in sample and out of sample, and their difference (out − in).
    public var inSampleScore: Double?
    public var outOfSampleScore: Double?
    public var degradation: Double? {
        guard let i = inSampleScore, let o = outOfSampleScore else { return nil }
        return o - i
    }
    /// The DSR of the stitched out-of-sample returns against the best of `candidatesPerWindow` lucky
    /// trials with the windows' mean trial-Sharpe variance.
    public var deflatedSharpe: Double?
}

/// Everything `alvh study` reports.
public struct StudyResult: Sendable, Codable {
    public var objective: StudyObjective
    public var windows: [WindowResult]
    public var stitched: [StitchedResult]

    /// Backtests the study ran: every candidate on every train window, the reported ones on every
    /// test window, and one stitched account per policy.
    public var backtests: Int {
        windows.reduce(0) { $0 + $1.policies.reduce(0) { $0 + $1.candidatesTried + $1.best.count } } + stitched.count
    }
}
