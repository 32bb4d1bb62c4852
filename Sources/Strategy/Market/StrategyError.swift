/// A backtest or advisor input that cannot be used: `field` names it, `rule` says what was expected.
public enum StrategyError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidInput(field: String, rule: String)
    /// The portfolio already holds events this backtest did not write (another run, other inputs).
    case conflictingHistory(stream: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidInput(field, rule): "\(field): \(rule)"
        case let .conflictingHistory(stream, detail): "\(stream): \(detail)"
        }
    }
}
