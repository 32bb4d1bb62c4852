import Foundation

/// `alvh void EVENT-ID --reason TEXT`: record that an earlier event was wrong.
///
/// Rules: in a condor or hedge stream only the latest event that still counts can be voided (void
/// in reverse order to undo more), so the stream always folds to a state it really had; any
/// market observation can be voided; corrections and portfolio events cannot; nothing is voided twice.
public struct VoidEvent: Sendable, Hashable {
    public var eventID: UUID
    public var reason: String

    public init(eventID: UUID, reason: String) {
        self.eventID = eventID
        self.reason = reason
    }

    /// The command as typed after `alvh`.
    public static let name = "void"

    public static func parse(_ a: CommandArguments) throws -> VoidEvent {
        VoidEvent(eventID: try a.positional(Field.event), reason: try a.required(Field.reason))
    }
}
