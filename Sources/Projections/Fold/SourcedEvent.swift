import EventStore
import Foundation
import Ledger

/// A decoded event with its global position: what the projection folds.
public struct SourcedEvent: Sendable, Hashable {
    public var position: Int64
    public var event: LedgerStreamEvent

    public init(position: Int64, event: LedgerStreamEvent) {
        self.position = position
        self.event = event
    }

    public init(recorded: RecordedEvent) throws {
        self.init(position: recorded.globalPosition, event: try LedgerStreamEvent(recorded: recorded))
    }

    /// The global position of the event `id` among `events` (the first one, as a stream holds each
    /// id once), or 0. A linear search: an owner's stream is a handful of events.
    static func position(of id: UUID, in events: [SourcedEvent]) -> Int64 {
        events.first { $0.event.eventID == id }?.position ?? 0
    }
}
