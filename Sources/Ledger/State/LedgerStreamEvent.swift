import EventStore
import Foundation

/// One decoded event of a stream, with what folds need: its id, stream version and market time.
public struct LedgerStreamEvent: Sendable, Hashable {
    public var eventID: UUID
    public var streamID: String
    /// 1-based position in its stream.
    public var version: Int64
    public var occurredAt: Date
    public var event: LedgerEvent

    public init(eventID: UUID, streamID: String, version: Int64, occurredAt: Date, event: LedgerEvent) {
        self.eventID = eventID
        self.streamID = streamID
        self.version = version
        self.occurredAt = occurredAt
        self.event = event
    }

    /// Decodes a stored event.
    public init(recorded: RecordedEvent) throws {
        self.init(eventID: recorded.eventID, streamID: recorded.streamID, version: recorded.streamVersion,
                  occurredAt: recorded.occurredAt, event: try LedgerEvent(recorded: recorded))
    }
}

/// The events of one stream that still count: voided events and the `EventVoided` corrections
/// themselves are set aside.
public struct EffectiveStream: Sendable {
    /// Every event in stream order.
    public let all: [LedgerStreamEvent]
    /// The events that count, in stream order.
    public let effective: [LedgerStreamEvent]
    /// Ids voided by an `EventVoided` in this stream.
    public let voided: Set<UUID>

    public init(_ events: [LedgerStreamEvent]) {
        all = events
        var voided = Set<UUID>()
        var corrections = 0
        for item in events {
            if case .eventVoided(let void) = item.event {
                voided.insert(void.voidedEventID)
                corrections += 1
            }
        }
        self.voided = voided
        // Without corrections every event counts: share the array instead of copying it.
        effective = corrections == 0 ? events : events.filter { item in
            if case .eventVoided = item.event { return false }
            return !voided.contains(item.eventID)
        }
    }

    /// The stream's version (its last event's, voids included); 0 when empty.
    public var version: Int64 { all.last?.version ?? 0 }

    /// The latest market time among the events that count: a new event may not be earlier.
    public var lastOccurredAt: Date? { effective.map(\.occurredAt).max() }
}
