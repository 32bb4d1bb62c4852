import EventStore
import Foundation

/// A ledger held in memory with the store's append rules (expected versions, all-or-nothing
/// batches, idempotent replays of the same ids). Over an optional `base` reader it acts as an
/// overlay: `alvh import` simulates a whole file on it before writing anything. Tests use it as the
/// pure model of the store.
public final class InMemoryLedger: LedgerReading, LedgerEventStore, @unchecked Sendable {
    private let base: (any LedgerReading)?
    private var streams: [String: [LedgerStreamEvent]] = [:]
    private var byID: [UUID: LedgerStreamEvent] = [:]
    private var rawByID: [UUID: NewEvent] = [:]
    private var baseCache: [String: [LedgerStreamEvent]] = [:]
    /// The heads of streams held here alone and never corrected (nothing below them, no
    /// `EventVoided`), kept up as events are appended: a feed's next mark need not fold its marks.
    private var heads: [String: StreamHead] = [:]
    /// Every event appended here, in order (global order of this ledger).
    public private(set) var appended: [LedgerStreamEvent] = []
    /// The same events as the store would return them (positions 1, 2, 3 …, no hashes).
    public private(set) var recorded: [RecordedEvent] = []

    public init(base: (any LedgerReading)? = nil) {
        self.base = base
    }

    public func events(inStream streamID: String) throws -> [LedgerStreamEvent] {
        let below = try baseEvents(streamID)
        guard let local = streams[streamID] else { return below }
        // The stored array itself when there is nothing below it: no copy per read.
        return below.isEmpty ? local : below + local
    }

    public func event(id eventID: UUID) throws -> LedgerStreamEvent? {
        if let local = byID[eventID] { return local }
        return try base?.locate(eventID: eventID)
    }

    public func head(ofStream streamID: String) throws -> StreamHead {
        if let head = heads[streamID] { return head }
        return StreamHead(EffectiveStream(try events(inStream: streamID)))
    }

    /// `LedgerEventStore`: the recorded events of a stream appended here.
    public func readStream(_ streamID: String) throws -> [RecordedEvent] {
        recorded.filter { $0.streamID == streamID }
    }

    /// `LedgerEventStore`: an event appended here.
    public func event(id: UUID) throws -> RecordedEvent? {
        recorded.first { $0.eventID == id }
    }

    /// The ids of every stream this ledger appended to.
    public var streamIDs: [String] { Array(streams.keys).sorted() }

    /// Appends a batch atomically: every stream's expected version must hold (each stream at most
    /// once, as in the store). Returns one result per append.
    @discardableResult
    public func append(_ batch: [StreamAppend]) throws -> [AppendResult] {
        try append(batch, decoded: [:])
    }

    /// `append(_:)`, taking each event whose id is in `decoded` as that typed event instead of
    /// decoding its JSON again (`LedgerDecider.decided` gives them: the payloads that were encoded).
    @discardableResult
    public func append(_ batch: [StreamAppend], decoded typed: [UUID: LedgerEvent]) throws -> [AppendResult] {
        if let replay = try replayed(batch) { return replay }
        guard Set(batch.map(\.streamID)).count == batch.count else {
            throw EventStoreError.invalidArgument("a stream appears twice in one batch; put its events in one StreamAppend")
        }
        var versions: [String: Int64] = [:]
        var staged: [(String, LedgerStreamEvent, NewEvent)] = []
        var results: [AppendResult] = []
        var position = Int64(appended.count)
        for item in batch {
            let current = try versions[item.streamID] ?? (try events(inStream: item.streamID).last?.version ?? 0)
            switch item.expected {
            case .any: break
            case .noStream where current != 0, .exact(_) where item.expected != .exact(current):
                throw EventStoreError.wrongExpectedVersion(stream: item.streamID, expected: item.expected, actual: current)
            default: break
            }
            var version = current
            var positions: [Int64] = []
            for new in item.events {
                if try locate(eventID: new.eventID) != nil {
                    let position = recorded.first { $0.eventID == new.eventID }?.globalPosition ?? 0
                    throw EventStoreError.eventIDConflict(eventID: new.eventID, existingPosition: position)
                }
                version += 1
                position += 1
                positions.append(position)
                let decoded = LedgerStreamEvent(eventID: new.eventID, streamID: item.streamID, version: version,
                                                occurredAt: new.occurredAt, event: try typed[new.eventID] ?? LedgerEvent(new: new))
                staged.append((item.streamID, decoded, new))
            }
            versions[item.streamID] = version
            results.append(AppendResult(streamID: item.streamID, positions: positions, streamVersion: version, wasIdempotentReplay: false))
        }
        for (stream, decoded, raw) in staged {
            recorded.append(RecordedEvent(globalPosition: Int64(recorded.count + 1), streamID: stream, streamVersion: decoded.version,
                                          eventID: decoded.eventID, type: raw.type, schemaVersion: raw.schemaVersion, data: raw.data,
                                          metadata: raw.metadata, occurredAt: raw.occurredAt, recordedAt: Date(), prevHash: Data(), hash: Data()))
            try advanceHead(stream, by: decoded)
            streams[stream, default: []].append(decoded)
            byID[decoded.eventID] = decoded
            rawByID[decoded.eventID] = raw
            appended.append(decoded)
        }
        return results
    }

    /// When every event of the batch is already here with the same type and payload, the
    /// original results (nothing appended).
    private func replayed(_ batch: [StreamAppend]) throws -> [AppendResult]? {
        let ids = batch.flatMap { $0.events }
        guard !ids.isEmpty, ids.allSatisfy({ rawByID[$0.eventID] != nil }) else { return nil }
        var results: [AppendResult] = []
        for item in batch {
            var positions: [Int64] = []
            var version: Int64 = 0
            for new in item.events {
                guard let raw = rawByID[new.eventID], raw.type == new.type, raw.data == new.data,
                      let stored = byID[new.eventID], stored.streamID == item.streamID,
                      let position = appended.firstIndex(where: { $0.eventID == new.eventID }) else {
                    throw EventStoreError.eventIDConflict(eventID: new.eventID, existingPosition: 0)
                }
                positions.append(Int64(position + 1))
                version = stored.version
            }
            results.append(AppendResult(streamID: item.streamID, positions: positions, streamVersion: version, wasIdempotentReplay: true))
        }
        return results
    }

    /// Keeps `heads` up before `event` joins `stream`: a stream starting here gets a head, a
    /// correction drops it for good (its head is folded from then on).
    private func advanceHead(_ stream: String, by event: LedgerStreamEvent) throws {
        if case .eventVoided = event.event {
            heads[stream] = nil
        } else if var head = heads[stream] {
            head.advance(by: event)
            heads[stream] = head
        } else if streams[stream] == nil, try baseEvents(stream).isEmpty {
            var head = StreamHead(version: 0, lastOccurredAt: nil, hasMarketModel: false)
            head.advance(by: event)
            heads[stream] = head
        }
    }

    private func baseEvents(_ streamID: String) throws -> [LedgerStreamEvent] {
        guard let base else { return [] }
        if let cached = baseCache[streamID] { return cached }
        let events = try base.events(inStream: streamID)
        baseCache[streamID] = events
        return events
    }
}
