import Foundation

/// `alvh condor defer ID --reason TEXT`: record a roll that was not made.
public struct DeferRoll: Sendable, Hashable {
    public var condorID: UUID
    public var reason: String
    public var at: Date?
    public var trigger: RollTrigger?
    public var signals: DecisionSignals?

    public init(condorID: UUID, reason: String, at: Date? = nil, trigger: RollTrigger? = nil, signals: DecisionSignals? = nil) {
        self.condorID = condorID
        self.reason = reason
        self.at = at
        self.trigger = trigger
        self.signals = signals
    }

    /// The command as typed after `alvh`.
    public static let name = "condor defer"

    public static func parse(_ a: CommandArguments) throws -> DeferRoll {
        DeferRoll(condorID: try a.positional(Field.condor), reason: try a.required(Field.reason), at: try a.optional(Field.at),
                  trigger: try SignalArguments.trigger(a), signals: try SignalArguments.parse(a))
    }
}
