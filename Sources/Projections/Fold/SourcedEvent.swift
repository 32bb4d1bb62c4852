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
}
