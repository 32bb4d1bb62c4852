import EventStore
import Foundation
import Ledger

/// Where a backtest's commands go: each is decided by the same `LedgerDecider` a person's command
/// uses, against an in-memory ledger that holds what the backtest recorded so far (portfolio
/// streams read from the store), and appended there at once so the next command sees it. The
/// decided events reach the store by `commit`: by default `flush()` writes everything pending in one
/// append (many sessions' decisions in one commit, numbered in the order they were made);
/// `.eachCommand` appends each command's events as `alvh` records a person's command. Both write the
/// same events in the same order.
///
/// Resumable: ids are deterministic, so a re-run produces the same events at the same stream
/// versions. Each stream's stored version is read once (the first time the run writes to it, for all
/// such streams of a flush in one query) and then followed from this run's own appends: events the
/// store already holds (checked by id at the last such version) are skipped, the rest are appended
/// after them with that version expected, so another writer's append in between fails the append
/// rather than being overwritten. A stream whose stored history differs from the backtest's is
/// refused (`StrategyError.conflictingHistory`).
public final class BacktestLedger {
    /// When decided events are written to the store.
    public enum Commit: Sendable {
        /// At each `flush()`, everything pending in one append.
        case atFlush
        /// After each command, its events in one append (as a person's command is recorded).
        case eachCommand
    }

    struct Pending {
        var streamID: String
        var version: Int64
        var event: NewEvent
    }

    public let store: EventStore?
    public let commit: Commit
    let memory: InMemoryLedger
    private var pending: [Pending] = []
    /// The store's version of every stream this run has read or written.
    private var storedVersions: [String: Int64] = [:]
    /// Events decided so far (written or not).
    public private(set) var eventsRecorded = 0
    /// Events appended to the store by this run (0 on a re-run of the same backtest).
    public private(set) var eventsWritten = 0
    /// Events the store already held.
    public private(set) var eventsAlreadyStored = 0

    /// `store` nil: decide and count only (nothing is written).
    public init(store: EventStore?, commit: Commit = .atFlush) {
        self.store = store
        self.commit = commit
        memory = InMemoryLedger(base: store.map { PortfolioStreams(store: $0) })
    }

    /// The ledger as the backtest sees it (for folds in tests).
    public var reader: any LedgerReading { memory }

    /// Every event decided so far, in the order decided (what a study measures in memory).
    public var events: [LedgerStreamEvent] { memory.appended }

    /// Decides `command` and keeps its events for the next flush (or writes them now with
    /// `.eachCommand`). Validation errors propagate.
    @discardableResult
    public func record(_ command: LedgerCommand, context: CommandContext) throws -> LedgerDecision {
        var typed: [UUID: LedgerEvent] = [:]
        let decision = try LedgerDecider(reader: memory, context: context, decided: { typed[$0] = $1 }).decide(command)
        let results = try memory.append(decision.appends, decoded: typed)
        for (append, result) in zip(decision.appends, results) {
            let first = result.streamVersion - Int64(append.events.count) + 1
            for (offset, event) in append.events.enumerated() {
                pending.append(Pending(streamID: append.streamID, version: first + Int64(offset), event: event))
            }
        }
        eventsRecorded += decision.eventIDs.count
        if commit == .eachCommand { try flush() }
        return decision
    }

    /// Writes the pending events to the store in one append.
    public func flush() throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard let store, !pending.isEmpty else { return }
        let streams = Self.byStream(pending)
        try readStoredVersions(streams.map(\.id), from: store)
        var appends: [StreamAppend] = []
        var lastHeld: [Pending] = []
        for (stream, items) in streams {
            let stored = storedVersions[stream] ?? 0
            let held = items.filter { $0.version <= stored }
            if let last = held.last { lastHeld.append(last) }
            eventsAlreadyStored += held.count
            let rest = items.filter { $0.version > stored }
            guard let first = rest.first else { continue }
            guard first.version == stored + 1 else {
                throw StrategyError.conflictingHistory(stream: stream, detail: "the ledger is at version \(stored) but this backtest continues from \(first.version - 1)")
            }
            appends.append(StreamAppend(streamID: stream, expected: stored == 0 ? .noStream : .exact(stored), events: rest.map(\.event)))
        }
        try checkHeld(lastHeld, in: store)
        guard !appends.isEmpty else { return }
        // Number the events in the order the sessions made them, not stream by stream.
        let writing = Set(appends.flatMap { $0.events.map(\.eventID) })
        let results = try store.append(appends, eventOrder: pending.map(\.event.eventID).filter(writing.contains))
        for result in results { storedVersions[result.streamID] = result.streamVersion }
        eventsWritten += appends.reduce(0) { $0 + $1.events.count }
    }

    /// The pending events grouped by stream, streams in the order they were first written.
    private static func byStream(_ pending: [Pending]) -> [(id: String, items: [Pending])] {
        var order: [String] = []
        var byStream: [String: [Pending]] = [:]
        for item in pending {
            if byStream[item.streamID] == nil { order.append(item.streamID) }
            byStream[item.streamID, default: []].append(item)
        }
        return order.map { ($0, byStream[$0]!) }
    }

    /// Reads, in one query, the stored versions of the streams this run has not seen yet.
    private func readStoredVersions(_ streams: [String], from store: EventStore) throws {
        let unseen = streams.filter { storedVersions[$0] == nil }
        guard !unseen.isEmpty else { return }
        let found = try store.streamVersions(unseen)
        for stream in unseen { storedVersions[stream] = found[stream] ?? 0 }
    }

    /// Events the store holds already must be this backtest's: each stream's last one is looked up by
    /// id (all in one query) and must sit in that stream at that version.
    private func checkHeld(_ lastHeld: [Pending], in store: EventStore) throws {
        guard !lastHeld.isEmpty else { return }
        let stored = Dictionary(uniqueKeysWithValues: try store.events(ids: lastHeld.map(\.event.eventID)).map { ($0.eventID, $0) })
        for item in lastHeld {
            guard let existing = stored[item.event.eventID], existing.streamID == item.streamID, existing.streamVersion == item.version else {
                throw StrategyError.conflictingHistory(stream: item.streamID, detail: "the ledger holds other events at version \(item.version) than this backtest records (another run with other inputs into the same portfolio?)")
            }
        }
    }
}

/// Reads portfolio streams from the store (so an existing portfolio is reused); every other stream
/// a backtest touches is its own and starts empty in memory.
struct PortfolioStreams: LedgerReading {
    let store: EventStore

    func events(inStream streamID: String) throws -> [LedgerStreamEvent] {
        guard streamID.hasPrefix("portfolio-") else { return [] }
        return try store.readStream(streamID).map { try LedgerStreamEvent(recorded: $0) }
    }

    func event(id eventID: UUID) throws -> LedgerStreamEvent? { nil }

    /// The same lookup under the name the ledger branch gives it (`LedgerReading.locate(eventID:)`),
    /// so this type conforms before and after that rename is merged.
    func locate(eventID: UUID) throws -> LedgerStreamEvent? { nil }
}
