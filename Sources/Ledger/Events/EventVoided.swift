import Foundation

/// An earlier event was wrong: folds and projections skip `voidedEventID` from here on.
/// Appended to the voided event's own stream; corrections are new events, never edits.
public struct EventVoided: LedgerEventPayload {
    public static let eventType = "EventVoided"

    public var voidedEventID: UUID
    /// The type of the voided event, for readers that want to know what was undone.
    public var voidedType: String
    /// Why, verbatim.
    public var reason: String

    public init(voidedEventID: UUID, voidedType: String, reason: String) {
        self.voidedEventID = voidedEventID
        self.voidedType = voidedType
        self.reason = reason
    }
}

extension EventVoided {
    public static let stream = EventStreamKind.corrected
    public static let voiding = Voiding.never("a correction (EventVoided) cannot itself be voided")
    public static let example = EventVoided(voidedEventID: UUID(uuidString: "0b6f5a43-2a3b-4f7e-9f0e-6d1c2b3a4f50")!,
                                            voidedType: MarketObserved.eventType, reason: "wrong session")

    public var event: LedgerEvent { .eventVoided(self) }

    public var summary: String { "\(voidedType) \(voidedEventID.lowercasedString) voided (\(reason))" }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("voidedEventID"), let voidedType = o.string("voidedType"),
              let reason = o.string("reason") else { return nil }
        self.init(voidedEventID: id, voidedType: voidedType, reason: reason)
    }
}
