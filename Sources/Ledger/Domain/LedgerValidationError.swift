/// A command broke an invariant. `field` is the command-line flag (e.g. `--short-put`) or CSV
/// column it came from; `rule` says what was expected and what was given.
public struct LedgerValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var rule: String

    public init(field: String, rule: String) {
        self.field = field
        self.rule = rule
    }

    /// `--short-put: must be above --long-put (got 4900 ≤ 4950)`.
    public var description: String { "\(field): \(rule)" }
}
