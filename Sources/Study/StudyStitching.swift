import Finance
import Foundation
import Strategy

/// A policy's stitched out-of-sample account: how a trader would have run the study's choices —
/// one account from the first test window's first day to the last test window's end, trading each
/// window under the candidate chosen on its train window, the rules switching at the window's
/// first session with every open condor and hedge layer carried on (`Backtest.run(days:changes:…)`).
/// `alvh study` measures it and `--record` writes it, so both give the same figures.
public struct StudyStitching: Sendable {
    /// The schedule and model of the account (the first window's chosen candidate; a study's
    /// candidates differ only in their advisor and fixed-rule parameters).
    public var parameters: BacktestParameters
    /// From the first test window's first day to the last one's last.
    public var span: DateSpan
    /// Each window's chosen rules from its test window's first day, window by window.
    public var changes: [RuleChange]

    /// `chosen[w]` is the candidate chosen on window `w`; windows ascending and not overlapping.
    public init(windows: [StudyWindow], chosen: [StudyCandidate]) {
        precondition(!windows.isEmpty && windows.count == chosen.count, "one chosen candidate per window")
        parameters = chosen[0].parameters
        span = DateSpan(from: windows[0].test.from, to: windows[windows.count - 1].test.to)
        changes = zip(windows, chosen).map { RuleChange(from: $0.test.from, advisor: $1.parameters.advisor) }
    }
}
