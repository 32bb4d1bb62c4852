import EventStore
import Foundation

/// The store operations recording needs. `EventStore` provides them against PostgreSQL;
/// `InMemoryLedger` in memory (for pure tests).
public protocol LedgerEventStore: AnyObject {
    /// Appends every stream's events in one transaction, each at its expected version.
    func append(_ batch: [StreamAppend]) throws -> [AppendResult]
    /// The same, numbering the events in `eventOrder` (see `EventStore.append(_:eventOrder:)`).
    func append(_ batch: [StreamAppend], eventOrder: [UUID]?) throws -> [AppendResult]
    /// A stream's events in version order (empty when it does not exist).
    func readStream(_ streamID: String) throws -> [RecordedEvent]
    /// One event by id.
    func event(id: UUID) throws -> RecordedEvent?
}

extension LedgerEventStore {
    /// Stores without their own numbering order (in-memory ones) append stream by stream.
    public func append(_ batch: [StreamAppend], eventOrder: [UUID]?) throws -> [AppendResult] {
        try append(batch)
    }
}

/// Reads decoded ledger events through a `LedgerEventStore`.
public struct StoreLedgerReader: LedgerReading {
    public let store: any LedgerEventStore

    public init(store: any LedgerEventStore) { self.store = store }

    public func events(inStream streamID: String) throws -> [LedgerStreamEvent] {
        try store.readStream(streamID).map { try LedgerStreamEvent(recorded: $0) }
    }

    public func event(id eventID: UUID) throws -> LedgerStreamEvent? {
        try store.event(id: eventID).map { try LedgerStreamEvent(recorded: $0) }
    }
}
