import EventStore
import Foundation
import Ledger

/// Where a backtest's commands go: each is decided by the same `LedgerDecider` a person's command
/// uses, against an in-memory ledger that holds what the backtest recorded so far (portfolio
/// streams read from the store), and appended there at once so the next command sees it. The
/// decided events reach the store by `commit`: by default `flush()` writes everything pending in one
/// append (many sessions' decisions in one commit, numbered in the order they were made) and waits
/// for it; `flushInBackground()` hands that append to the writer's thread (`BacktestWriter`) while the
/// next sessions are decided; `.eachCommand` appends each command's events as `alvh` records a
/// person's command. All write the same events in the same order.
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
        /// At each `flush()` or `flushInBackground()`, everything pending in one append; the latter
        /// written while the next sessions are decided.
        case atFlush
        /// The same appends, each waited for (the backtest pauses while a batch is written): the way
        /// batches were written before the writer's thread, kept as the benchmark's baseline.
        case atFlushWaiting
        /// After each command, its events in one append (as a person's command is recorded).
        case eachCommand
    }

    typealias Pending = BacktestWriter.Pending

    /// The store the events go to. While a batch is being written (`flushInBackground()`), only its
    /// writer uses it: use it yourself after `flush()`.
    public let store: EventStore?
    public let commit: Commit
    let memory: InMemoryLedger
    private let writer: BacktestWriter?
    private var pending: [Pending] = []
    /// Events decided so far (written or not).
    public private(set) var eventsRecorded = 0
    /// Events appended to the store by this run and committed (0 on a re-run of the same backtest);
    /// waits for a batch in flight.
    public var eventsWritten: Int { writer?.counts.written ?? 0 }
    /// Events the store already held (waits for a batch in flight).
    public var eventsAlreadyStored: Int { writer?.counts.alreadyStored ?? 0 }

    /// `store` nil: decide and count only (nothing is written).
    public init(store: EventStore?, commit: Commit = .atFlush) {
        self.store = store
        self.commit = commit
        let writer = store.map { BacktestWriter(store: $0) }
        self.writer = writer
        memory = InMemoryLedger(base: writer.map { PortfolioStreams(writer: $0) })
    }

    /// A run that stopped on an error may leave a batch in flight: it finishes (or fails) before the
    /// store is free for anyone else.
    deinit {
        _ = try? writer?.wait()
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

    /// Writes the pending events to the store in one append and waits until it and any batch handed
    /// over before it are committed; throws the first error of any of them.
    public func flush() throws {
        try flushInBackground()
        try writer?.wait()
    }

    /// Hands the pending events to the writer's thread as one append and returns at once, so the next
    /// sessions are decided while it is written. Waits first for the batch handed over before (at most
    /// one is in flight) and throws its error, if it failed; a later `flush()` waits for this one.
    public func flushInBackground() throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard let writer else { return }
        try writer.handOver(pending)
        if commit != .atFlush { try writer.wait() }
    }
}

/// Reads portfolio streams from the store (so an existing portfolio is reused); every other stream
/// a backtest touches is its own and starts empty in memory.
struct PortfolioStreams: LedgerReading {
    /// The store is read through the writer, after the batch it may be writing.
    let writer: BacktestWriter

    func events(inStream streamID: String) throws -> [LedgerStreamEvent] {
        guard streamID.hasPrefix("portfolio-") else { return [] }
        return try writer.withStore { try $0.readStream(streamID) }.map { try LedgerStreamEvent(recorded: $0) }
    }

    func event(id eventID: UUID) throws -> LedgerStreamEvent? { nil }

    /// The same lookup under the name the ledger branch gives it (`LedgerReading.locate(eventID:)`),
    /// so this type conforms before and after that rename is merged.
    func locate(eventID: UUID) throws -> LedgerStreamEvent? { nil }
}
