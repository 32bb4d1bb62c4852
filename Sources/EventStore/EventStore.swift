import Foundation
import PostgresClient

/// The append-only, hash-chained ledger of events in PostgreSQL (schema in `schema/`).
///
/// One `EventStore` wraps one session and is not thread-safe: give each thread or process its own.
/// An append is one call of a store function (`alvh_append_one` for one event to one stream,
/// `alvh_append` otherwise; a prepared statement, one round trip, its own transaction) that locks
/// the ledger head, so positions are gapless and become visible in commit order. Many batches go
/// through one libpq pipeline (`append(batches:)`).
public final class EventStore {
    /// The session: projections run their own SQL in the same database through it.
    public let connection: PostgresConnection

    /// Set once this session found no `alvh_append_one` (a ledger not migrated since it came):
    /// single events then go through `alvh_append`.
    private var appendOneIsMissing = false

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Connects with a URL, a libpq keyword string, or `""` for the `PG*` variables (default timeouts:
    /// see `PostgresConfiguration`).
    public static func connect(_ connectionString: String) throws -> EventStore {
        EventStore(connection: try PostgresConnection(connectionString: connectionString))
    }

    /// Applies the embedded migrations that are missing; returns the names applied now.
    @discardableResult
    public func migrate() throws -> [String] {
        try Migrator(connection: connection).migrate()
    }

    // MARK: Appending

    /// Appends `events` to one stream, all or nothing. Throws `EventStoreError.wrongExpectedVersion`
    /// when the stream is not at `expected`, `.eventIDConflict` when an id exists with another
    /// payload; a retry of an appended batch (same ids, same payloads) returns the original positions.
    @discardableResult
    public func append(to streamID: String, expected: ExpectedVersion, events: [NewEvent]) throws -> AppendResult {
        try append([StreamAppend(streamID: streamID, expected: expected, events: events)])[0]
    }

    /// Appends to several streams in one commit, all or nothing; one result per stream, in order.
    /// The events are numbered stream by stream, in the order of `batch`.
    @discardableResult
    public func append(_ batch: [StreamAppend]) throws -> [AppendResult] {
        try append(batch, eventOrder: nil)
    }

    /// Appends to several streams in one commit, all or nothing, numbering the events in
    /// `eventOrder`: every event id of the batch once, each stream's events in their own order. Use it
    /// when one commit records a sequence of decisions across streams (an import, a backtest), so
    /// the global order stays the order in which things happened.
    @discardableResult
    public func append(_ batch: [StreamAppend], eventOrder: [UUID]?) throws -> [AppendResult] {
        let encoded = try AppendBatch(batch, eventOrder: eventOrder)
        let result: PostgresResult
        do {
            // One statement, its own transaction (the store functions are atomic), prepared once per session.
            let statement = encoded.statement(batchOnly: appendOneIsMissing)
            do {
                result = try connection.queryPrepared(statement.sql, statement.parameters)
            } catch let error as PostgresError where encoded.single != nil && !appendOneIsMissing && error.code == .undefinedFunction {
                // A ledger whose functions predate alvh_append_one (schema/functions/, applied by
                // `migrate()`): its alvh_append appends the single event just as well.
                appendOneIsMissing = true
                let batchStatement = encoded.statement(batchOnly: true)
                result = try connection.queryPrepared(batchStatement.sql, batchStatement.parameters)
            }
        } catch let error as PostgresError {
            throw StoreErrors.translate(error, batch: batch)
        }
        return try Self.results(result, batch: batch)
    }

    /// Appends many batches, each its own transaction, through one libpq pipeline: while the server
    /// appends one batch, the next is encoded and sent (a bulk load, a backtest). The batches commit
    /// in order. The first batch that fails is rolled back, no batch after it runs, and its error is
    /// thrown as `BatchAppendFailure` (which batch, and why): batches before it stay committed.
    /// Returns one result list per batch, each as `append(_:)` returns.
    @discardableResult
    public func append(batches: [[StreamAppend]]) throws -> [[AppendResult]] {
        var results: [[AppendResult]] = []
        results.reserveCapacity(batches.count)
        do {
            try connection.pipelineUnits(count: batches.count, window: 2, unit: { index in
                // Always alvh_append here: bulk batches are rarely single events, and this path then
                // needs no fallback for ledgers whose functions predate alvh_append_one.
                let statement = try AppendBatch(batches[index], eventOrder: nil).statement(batchOnly: true)
                return [PostgresStatement("BEGIN"), PostgresStatement(statement.sql, statement.parameters), PostgresStatement("COMMIT")]
            }, reply: { index, replies in
                guard replies.count == 3 else { throw EventStoreError.invalidArgument("append: unexpected reply from alvh_append") }
                results.append(try Self.results(replies[1], batch: batches[index]))
            })
        } catch let failure as PipelineUnitFailure {
            throw BatchAppendFailure(batchIndex: failure.unit, underlying: StoreErrors.translate(failure.error, batch: batches[failure.unit]))
        } catch let error as PostgresError {
            throw StoreErrors.translate(error, batch: [])
        }
        return results
    }

    /// The per-stream results of one alvh_append call, in the order of `batch`.
    private static func results(_ rows: PostgresResult, batch: [StreamAppend]) throws -> [AppendResult] {
        var byStream: [Int: AppendResult] = [:]
        for row in rows.rows {
            let index = try row.decode(Int.self, 0) - 1
            guard batch.indices.contains(index) else { throw EventStoreError.invalidArgument("append: alvh_append returned an unknown stream index") }
            byStream[index] = AppendResult(streamID: batch[index].streamID,
                                           positions: try row.decode([Int64].self, 1),
                                           streamVersion: try row.decode(Int64.self, 2),
                                           wasIdempotentReplay: try row.decode(Bool.self, 3))
        }
        return try batch.indices.map { index in
            guard let result = byStream[index] else {
                throw EventStoreError.invalidArgument("append: no result for stream \(batch[index].streamID)")
            }
            return result
        }
    }

    // MARK: Reading

    static let columns = "global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash"

    /// Every event of one stream, by version (empty when the stream does not exist).
    public func readStream(_ streamID: String) throws -> [RecordedEvent] {
        try decodeEvents(connection.query("SELECT \(EventStore.columns) FROM events WHERE stream_id = $1 ORDER BY stream_version", [streamID]))
    }

    /// The stream's current version; 0 when it does not exist.
    public func streamVersion(_ streamID: String) throws -> Int64 {
        let result = try connection.query("SELECT version FROM event_streams WHERE stream_id = $1", [streamID])
        return result.rowCount == 0 ? 0 : try result.scalar(Int64.self)
    }

    /// The current versions of these streams, in one round trip; a stream that does not exist is
    /// absent from the result (its version is 0).
    public func streamVersions(_ streamIDs: [String]) throws -> [String: Int64] {
        guard !streamIDs.isEmpty else { return [:] }
        let result = try connection.query("SELECT stream_id, version FROM event_streams WHERE stream_id = ANY ($1)", [streamIDs])
        var versions: [String: Int64] = [:]
        for row in result.rows { versions[try row.decode(String.self, 0)] = try row.decode(Int64.self, 1) }
        return versions
    }

    /// Up to `limit` events with global position greater than `position`, ascending. Positions are
    /// gapless and visible in commit order, so the last position returned is a safe checkpoint.
    public func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] {
        guard limit >= 1 else { throw EventStoreError.invalidArgument("limit: must be at least 1, got \(limit)") }
        return try decodeEvents(connection.query("SELECT \(EventStore.columns) FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2", [position, limit]))
    }

    /// The event with this id, or nil.
    public func event(id: UUID) throws -> RecordedEvent? {
        try decodeEvents(connection.query("SELECT \(EventStore.columns) FROM events WHERE event_id = $1", [id])).first
    }

    /// The events with these ids that exist, by global position, in one round trip.
    public func events(ids: [UUID]) throws -> [RecordedEvent] {
        guard !ids.isEmpty else { return [] }
        return try decodeEvents(connection.query("SELECT \(EventStore.columns) FROM events WHERE event_id = ANY ($1) ORDER BY global_position", [ids]))
    }

    /// The position of the last event (0 for an empty ledger).
    public func headPosition() throws -> Int64 {
        try connection.query("SELECT last_position FROM ledger_head WHERE id = 1").scalar(Int64.self)
    }

    func decodeEvents(_ result: PostgresResult) throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        events.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            events.append(RecordedEvent(
                globalPosition: try result.decode(Int64.self, row: row, column: 0),
                streamID: try result.decode(String.self, row: row, column: 1),
                streamVersion: try result.decode(Int64.self, row: row, column: 2),
                eventID: try result.decode(UUID.self, row: row, column: 3),
                type: try result.decode(String.self, row: row, column: 4),
                schemaVersion: try result.decode(Int.self, row: row, column: 5),
                data: try result.decode(Data.self, row: row, column: 6),
                metadata: try result.decode(Data.self, row: row, column: 7),
                occurredAt: try result.decode(Date.self, row: row, column: 8),
                recordedAt: try result.decode(Date.self, row: row, column: 9),
                prevHash: try result.decode(Data.self, row: row, column: 10),
                hash: try result.decode(Data.self, row: row, column: 11)))
        }
        return events
    }
}
