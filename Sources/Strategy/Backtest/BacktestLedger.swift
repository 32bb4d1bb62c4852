import EventStore
import Foundation
import Ledger

/// Where a backtest's commands go: each is decided by the same `LedgerDecider` a person's command
/// uses, against an in-memory ledger that holds what the backtest recorded so far (portfolio
/// streams read from the store), and appended there at once so the next command sees it. `flush()`
/// then writes the pending events to the store in one append (many events per commit).
///
/// Resumable: ids are deterministic, so a re-run produces the same events at the same stream
/// versions. Before writing, each stream's stored version is read: events the store already holds
/// (checked by id at the last such version) are skipped, the rest are appended after them. A stream
/// whose stored history differs from the backtest's is refused (`StrategyError.conflictingHistory`).
public final class BacktestLedger {
    struct Pending {
        var streamID: String
        var version: Int64
        var event: NewEvent
    }

    public let store: EventStore?
    let memory: InMemoryLedger
    private var pending: [Pending] = []
    /// Events decided so far (written or not).
    public private(set) var eventsRecorded = 0
    /// Events appended to the store by this run (0 on a re-run of the same backtest).
    public private(set) var eventsWritten = 0
    /// Events the store already held.
    public private(set) var eventsAlreadyStored = 0

    /// `store` nil: decide and count only (nothing is written).
    public init(store: EventStore?) {
        self.store = store
        memory = InMemoryLedger(base: store.map { PortfolioStreams(store: $0) })
    }

    /// The ledger as the backtest sees it (for folds in tests).
    public var reader: any LedgerReading { memory }

    /// Every event decided so far, in the order decided (what a study measures in memory).
    public var events: [LedgerStreamEvent] { memory.appended }

    /// Decides `command` and keeps its events for the next flush. Validation errors propagate.
    @discardableResult
    public func record(_ command: LedgerCommand, context: CommandContext) throws -> LedgerDecision {
        let decision = try LedgerDecider(reader: memory, context: context).decide(command)
        let results = try memory.append(decision.appends)
        for (append, result) in zip(decision.appends, results) {
            let first = result.streamVersion - Int64(append.events.count) + 1
            for (offset, event) in append.events.enumerated() {
                pending.append(Pending(streamID: append.streamID, version: first + Int64(offset), event: event))
            }
        }
        eventsRecorded += decision.eventIDs.count
        return decision
    }

    /// Writes the pending events to the store in one append.
    public func flush() throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard let store, !pending.isEmpty else { return }
        var order: [String] = []
        var byStream: [String: [Pending]] = [:]
        for item in pending {
            if byStream[item.streamID] == nil { order.append(item.streamID) }
            byStream[item.streamID, default: []].append(item)
        }
        var appends: [StreamAppend] = []
        var count = 0
        for stream in order {
            let items = byStream[stream]!
            let stored = try store.streamVersion(stream)
            let held = items.filter { $0.version <= stored }
            if let last = held.last {
                guard let existing = try store.event(id: last.event.eventID), existing.streamID == stream, existing.streamVersion == last.version else {
                    throw StrategyError.conflictingHistory(stream: stream, detail: "the ledger holds other events at version \(last.version) than this backtest records (another run with other inputs into the same portfolio?)")
                }
                eventsAlreadyStored += held.count
            }
            let rest = items.filter { $0.version > stored }
            guard let first = rest.first else { continue }
            guard first.version == stored + 1 else {
                throw StrategyError.conflictingHistory(stream: stream, detail: "the ledger is at version \(stored) but this backtest continues from \(first.version - 1)")
            }
            appends.append(StreamAppend(streamID: stream, expected: stored == 0 ? .noStream : .exact(stored), events: rest.map(\.event)))
            count += rest.count
        }
        guard !appends.isEmpty else { return }
        // Number the events in the order the sessions made them, not stream by stream.
        let writing = Set(appends.flatMap { $0.events.map(\.eventID) })
        try store.append(appends, eventOrder: pending.map(\.event.eventID).filter(writing.contains))
        eventsWritten += count
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
