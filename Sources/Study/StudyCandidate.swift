import Foundation
import Strategy

/// One setting of the grid for one policy: the backtest parameters a full backtest runs with.
public struct StudyCandidate: Sendable {
    /// Position among its policy's candidates (the grid's order): ties rank by it.
    public var index: Int
    public var policy: BacktestPolicy
    /// The grid's values, `name=value` in the grid's order (empty: the defaults).
    public var settings: [String]
    public var parameters: BacktestParameters

    /// `take-profit=0.5 stop=2`, or `defaults`.
    public var label: String { settings.isEmpty ? "defaults" : settings.joined(separator: " ") }

    /// Every candidate of `policy` from `grid`, over `base` (the schedule and the other parameters).
    public static func all(policy: BacktestPolicy, grid: StudyGrid, base: BacktestParameters) throws -> [StudyCandidate] {
        try grid.candidates(for: policy).enumerated().map { index, combination in
            var parameters = base
            parameters.policy = policy
            for (parameter, value) in combination { parameters = parameter.applied(value, to: parameters) }
            return StudyCandidate(index: index, policy: policy, settings: combination.map { "\($0.0.name)=\($0.1)" }, parameters: parameters)
        }
    }
}
