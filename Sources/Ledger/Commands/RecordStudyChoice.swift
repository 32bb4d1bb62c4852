import Foundation

/// Records which parameters a study chose for a portfolio's test window (`alvh study --record`):
/// built in code only, not typed or imported. Opens the portfolio when it does not exist yet.
public struct RecordStudyChoice: Sendable, Hashable {
    public var choice: StudyCandidateChosen
    /// When the choice takes effect (before the window's first trade).
    public var at: Date

    public init(choice: StudyCandidateChosen, at: Date) {
        self.choice = choice
        self.at = at
    }

    /// The command's name in messages.
    public static let name = "study record"

    /// The portfolio name and every text by the rules a typed name and a reason follow.
    public func validate() throws {
        _ = try Field.name.parse(choice.name)
        guard ["alvh", "fixed"].contains(choice.policy) else {
            throw LedgerValidationError(field: "policy", rule: "must be alvh or fixed (got \(Echo.quoted(choice.policy)))")
        }
        guard choice.trainFrom <= choice.trainTo, choice.trainTo < choice.testFrom, choice.testFrom <= choice.testTo else {
            throw LedgerValidationError(field: "windows", rule: "train must end before test starts, each FROM ≤ TO")
        }
        guard choice.candidatesTried >= 1 else { throw LedgerValidationError(field: "candidatesTried", rule: "must be ≥ 1") }
    }
}
