import Foundation

/// A roll the fixed rule would have made was not made: a decision without a trade.
/// Stream `condor-<condorID>`.
public struct RollDeferred: LedgerEventPayload {
    public static let eventType = "RollDeferred"

    public var condorID: UUID
    /// Why the roll was not made, verbatim.
    public var reason: String
    public var trigger: RollTrigger?
    public var signals: DecisionSignals?

    public init(condorID: UUID, reason: String, trigger: RollTrigger? = nil, signals: DecisionSignals? = nil) {
        self.condorID = condorID
        self.reason = reason
        self.trigger = trigger
        self.signals = signals
    }
}
