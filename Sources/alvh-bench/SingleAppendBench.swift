import EventStore
import Foundation
import PostgresClient

/// What one recorded command costs the store, against the least a database can do for the same row:
/// one event appended in its own transaction (`EventStore.append`, hash chain, version check, head
/// lock, notify), interleaved round by round with a plain prepared single-row INSERT of the same
/// values into `bench_insert`, a table with the events table's columns, constraints and indexes
/// (`LIKE events INCLUDING ALL`), in the same session. Rounds alternate which of the two goes first;
/// the first 50 rounds warm up and are not counted.
struct SingleAppendBench {
    let url: String
    let rounds: Int

    struct Result {
        var append: Latencies
        var insert: Latencies
    }

    static let insertSQL = """
        INSERT INTO bench_insert (global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """

    func run(payloads: inout PayloadFactory) throws -> Result {
        // Steady state: the bulk phases' dirty pages are flushed and the tables analysed first, so the
        // figure is not the background write-out of fresh rows (CHECKPOINT needs superuser or
        // pg_checkpoint; without it the figure includes that write-out).
        let setup = try PostgresConnection(connectionString: url)
        _ = try? setup.execute("CHECKPOINT")
        _ = try? setup.execute("VACUUM (ANALYZE) events")
        try setup.execute("CREATE TABLE bench_insert (LIKE events INCLUDING ALL)")
        setup.close()
        // A session of its own, as each `alvh` command has; connecting is not timed.
        let single = try EventStore.connect(url)
        defer { single.connection.close() }
        var appends: [Double] = []
        var inserts: [Double] = []
        let stream = "condor-\(UUID().uuidString.lowercased())"
        let hash = Data(repeating: 0xA5, count: 32)
        for index in 0..<(rounds + 50) {
            let event = payloads.event(step: index)
            let version = Int64(index + 1)
            let row: [any PostgresEncodable] = [version, stream, version, event.eventID, event.type, Int32(event.schemaVersion),
                                                PostgresJSONB(event.data), PostgresJSONB(event.metadata), event.occurredAt,
                                                Data(count: 32), hash]
            var appendSeconds = 0.0
            var insertSeconds = 0.0
            let append = { appendSeconds = try seconds { try single.append(to: stream, expected: index == 0 ? .noStream : .exact(version - 1), events: [event]) } }
            let insert = { insertSeconds = try seconds { try single.connection.queryPrepared(Self.insertSQL, row) } }
            if index % 2 == 0 {
                try append()
                try insert()
            } else {
                try insert()
                try append()
            }
            if index >= 50 {
                appends.append(appendSeconds)
                inserts.append(insertSeconds)
            }
        }
        return Result(append: Latencies(appends), insert: Latencies(inserts))
    }
}
