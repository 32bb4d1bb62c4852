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
