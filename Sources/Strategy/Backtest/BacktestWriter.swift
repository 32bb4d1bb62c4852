import Dispatch
import EventStore
import Foundation

/// Writes a backtest's decided events to the store on its own thread, so the store writes one batch
/// while the backtest decides the next (`BacktestLedger.flushInBackground()`).
///
/// Every use of the store by the backtest goes through this writer's serial queue (the session is not
/// thread-safe): the batches' writes in the order they were handed over, and the reads of portfolio
/// streams (`withStore`), which wait for the batch in flight. At most one batch is in flight: a new one
/// is handed over only after the one before it committed, so a failure stops every later batch, is
/// thrown by the next hand-over or `wait()`, and the counts never include an event that was not
/// committed.
///
/// Each batch is written as `flush()` always wrote it: the stored versions of the streams it writes
/// first (one query), the events the store already holds checked by id (one query), then one append
/// (one transaction) numbering the events in the order they were decided.
final class BacktestWriter: @unchecked Sendable {
    /// A decided event and the version it takes in its stream.
    struct Pending: Sendable {
        var streamID: String
        var version: Int64
        var event: NewEvent
    }

    private let store: EventStore
    private let queue = DispatchQueue(label: "alvh.backtest-writer")
    // The state below is read and written on `queue` only.
    /// The store's version of every stream this run has read or written.
    private var storedVersions: [String: Int64] = [:]
    /// The error of the first batch that failed; no batch after it is written.
    private var failure: (any Error)?
    private var written = 0
    private var alreadyStored = 0

    init(store: EventStore) {
        self.store = store
    }

    /// Events appended by this run, and events the store already held, counting committed batches only
    /// (waits for the batch in flight).
    var counts: (written: Int, alreadyStored: Int) {
        queue.sync { (written, alreadyStored) }
    }

    /// Waits for the batch in flight and throws its error (or an earlier batch's), if any.
    func wait() throws {
        try queue.sync { if let failure { throw failure } }
    }

    /// Waits for the batch before, throws its error if it failed, then starts writing `batch` and returns.
    func handOver(_ batch: [Pending]) throws {
        try wait()
        guard !batch.isEmpty else { return }
        queue.async { self.writeUnlessFailed(batch) }
    }

    /// Runs `body` with the store once the batch in flight is written (and no batch meanwhile).
    func withStore<T>(_ body: (EventStore) throws -> T) throws -> T {
        try queue.sync { try body(store) }
    }

    private func writeUnlessFailed(_ batch: [Pending]) {
        guard failure == nil else { return }
        do {
            try write(batch)
        } catch {
            failure = error
        }
    }

    /// Writes `batch` in one append; on return it is committed and counted, or nothing of it is.
    private func write(_ batch: [Pending]) throws {
        let streams = Self.byStream(batch)
        try readStoredVersions(streams.map(\.id))
        var appends: [StreamAppend] = []
        var lastHeld: [Pending] = []
        var held = 0
        for (stream, items) in streams {
            let stored = storedVersions[stream] ?? 0
            let heldItems = items.filter { $0.version <= stored }
            if let last = heldItems.last { lastHeld.append(last) }
            held += heldItems.count
            let rest = items.filter { $0.version > stored }
            guard let first = rest.first else { continue }
            guard first.version == stored + 1 else {
                throw StrategyError.conflictingHistory(stream: stream, detail: "the ledger is at version \(stored) but this backtest continues from \(first.version - 1)")
            }
            appends.append(StreamAppend(streamID: stream, expected: stored == 0 ? .noStream : .exact(stored), events: rest.map(\.event)))
        }
        try checkHeld(lastHeld)
        alreadyStored += held
        guard !appends.isEmpty else { return }
        // Number the events in the order the sessions made them, not stream by stream.
        let writing = Set(appends.flatMap { $0.events.map(\.eventID) })
        let results = try store.append(appends, eventOrder: batch.map(\.event.eventID).filter(writing.contains))
        for result in results { storedVersions[result.streamID] = result.streamVersion }
        written += appends.reduce(0) { $0 + $1.events.count }
    }

    /// The batch grouped by stream, streams in the order they were first written.
    private static func byStream(_ batch: [Pending]) -> [(id: String, items: [Pending])] {
        var order: [String] = []
        var byStream: [String: [Pending]] = [:]
        for item in batch {
            if byStream[item.streamID] == nil { order.append(item.streamID) }
            byStream[item.streamID, default: []].append(item)
        }
        return order.map { ($0, byStream[$0]!) }
    }

    /// Reads, in one query, the stored versions of the streams this run has not seen yet.
    private func readStoredVersions(_ streams: [String]) throws {
        let unseen = streams.filter { storedVersions[$0] == nil }
        guard !unseen.isEmpty else { return }
        let found = try store.streamVersions(unseen)
        for stream in unseen { storedVersions[stream] = found[stream] ?? 0 }
    }

    /// Events the store holds already must be this backtest's: each stream's last one is looked up by
    /// id (all in one query) and must sit in that stream at that version.
    private func checkHeld(_ lastHeld: [Pending]) throws {
        guard !lastHeld.isEmpty else { return }
        let stored = Dictionary(uniqueKeysWithValues: try store.events(ids: lastHeld.map(\.event.eventID)).map { ($0.eventID, $0) })
        for item in lastHeld {
            guard let existing = stored[item.event.eventID], existing.streamID == item.streamID, existing.streamVersion == item.version else {
                throw StrategyError.conflictingHistory(stream: item.streamID, detail: "the ledger holds other events at version \(item.version) than this backtest records (another run with other inputs into the same portfolio?)")
            }
        }
    }
}
