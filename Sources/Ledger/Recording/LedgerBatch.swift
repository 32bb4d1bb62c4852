import EventStore
import Foundation

/// Several decisions recorded in one all-or-nothing commit (an import, a backtest session): one
/// `StreamAppend` per stream, as the store takes them, and the order in which the events happened,
/// so the ledger numbers them in that order rather than stream by stream.
public struct LedgerBatch: Sendable, Equatable {
    /// One append per stream, streams in order of first use, each stream's events in order.
    public private(set) var appends: [StreamAppend] = []
    /// Every event id of `appends`, in the order the decisions made them.
    public private(set) var eventOrder: [UUID] = []

    public init() {}

    public init(_ decisions: [LedgerDecision]) {
        for decision in decisions { add(decision.appends) }
    }

    /// Adds one decision's appends after everything added so far.
    public mutating func add(_ streamAppends: [StreamAppend]) {
        for append in streamAppends {
            if let index = appends.firstIndex(where: { $0.streamID == append.streamID }) {
                appends[index].events += append.events
            } else {
                appends.append(append)
            }
            eventOrder += append.events.map(\.eventID)
        }
    }

    public var isEmpty: Bool { eventOrder.isEmpty }
    public var eventCount: Int { eventOrder.count }

    /// Appends the batch in one commit, numbered in `eventOrder`.
    @discardableResult
    public func append(to store: any LedgerEventStore) throws -> [AppendResult] {
        try store.append(appends, eventOrder: eventOrder)
    }
}
