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

extension RollDeferred {
    public static let stream = EventStreamKind.condor
    public static let example = RollDeferred(condorID: CondorOpened.example.condorID, reason: "VIX spike without term-structure confirmation",
                                             trigger: RollTrigger(fixedRule: "hold", alvh: "noise: defer and hedge"),
                                             signals: DecisionSignals(vix: 24, vix3m: 26, rsi: 62))

    public var event: LedgerEvent { .rollDeferred(self) }

    public var summary: String { "condor \(condorID.lowercasedString): roll deferred (\(reason))" }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let reason = o.string("reason"),
              let trigger = o.trigger("trigger"), let signals = o.signals("signals") else { return nil }
        self.init(condorID: id, reason: reason, trigger: trigger, signals: signals)
    }

    /// Counts a deferral on an open condor.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open else { return nil }
        current.deferrals += 1
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
