import Foundation
import Strategy

/// The values `--grid NAME=v1,v2,…` (repeatable) gives each parameter, in the order given.
public struct StudyGrid: Sendable {
    public struct Axis: Sendable {
        public var parameter: StudyParameter
        public var values: [StudyValue]
    }

    public var axes: [Axis]

    /// Most candidates one study may try per policy.
    public static let maximumCandidates = 100_000

    /// Parses the `--grid` options; errors name `--grid`, the parameter and the rule (unknown names
    /// list the valid ones).
    public init(_ specs: [String]) throws {
        axes = []
        for spec in specs {
            guard let equals = spec.firstIndex(of: "=") else {
                throw StrategyError.invalidInput(field: "--grid", rule: "must be NAME=v1,v2,… (got '\(spec)')")
            }
            let name = String(spec[..<equals]).trimmingCharacters(in: .whitespaces)
            guard let parameter = StudyParameters.named(name) else {
                throw StrategyError.invalidInput(field: "--grid", rule: "unknown parameter '\(name)'; valid names: \(StudyParameters.names.joined(separator: ", "))")
            }
            guard !axes.contains(where: { $0.parameter.name == name }) else {
                throw StrategyError.invalidInput(field: "--grid \(name)", rule: "is given twice; list every value in one --grid")
            }
            let texts = spec[spec.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            let values = try texts.map { try parameter.value($0.trimmingCharacters(in: .whitespaces)) }
            guard Set(values).count == values.count else {
                throw StrategyError.invalidInput(field: "--grid \(name)", rule: "lists a value twice")
            }
            axes.append(Axis(parameter: parameter, values: values))
        }
    }

    /// Every combination of the axes `policy` reads (the last axis varying fastest), each one
    /// candidate; one candidate with the defaults when the grid varies nothing the policy reads.
    public func candidates(for policy: BacktestPolicy) throws -> [[(StudyParameter, StudyValue)]] {
        let relevant = axes.filter { $0.parameter.policies.contains(policy) }
        let count = relevant.reduce(1) { $0 * $1.values.count }
        guard count <= Self.maximumCandidates else {
            throw StrategyError.invalidInput(field: "--grid", rule: "gives \(count) \(policy.rawValue) candidates, more than \(Self.maximumCandidates)")
        }
        var combinations: [[(StudyParameter, StudyValue)]] = [[]]
        for axis in relevant {
            combinations = combinations.flatMap { prefix in axis.values.map { prefix + [(axis.parameter, $0)] } }
        }
        return combinations
    }
}
