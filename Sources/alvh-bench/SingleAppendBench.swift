import EventStore
import Foundation
import PostgresClient

/// What one recorded command costs the store, against the least a database can do for the same row.
/// Three ways of writing one event, each in its own transaction, interleaved round by round in one
/// session (each round rotates which goes first; the first 50 rounds warm up and are not counted):
/// - `append_one`: the current `alvh_append_one` (hash chain, version check, head lock, notify);
/// - `append_one_before`: the same function as it was before (`AppendOneBefore`), installed under a
///   bench-only name, on a stream of its own (it keeps the same chain, so the ledger verifies);
/// - `insert_one`: a plain prepared single-row INSERT of the same values into `bench_insert`, a table
///   with the events table's columns, constraints and indexes (`LIKE events INCLUDING ALL`).
/// The two functions are called the same way (a prepared statement, binary parameters, no client-side
/// checks), so the difference between them is the server's. Besides wall time, each call's server CPU
/// is the backend's on-CPU time (`/proc/PID/schedstat`, nanoseconds) before and after it, when the
/// server runs on this machine: a figure the machine's load and the disk's flush queue barely move.
/// The same three, each as the first write of a new session, give what one recorded command pays:
/// the function's compilation and plans are per session.
struct SingleAppendBench {
    let url: String
    let rounds: Int

    /// One way of writing an event: wall seconds per call, and server CPU seconds per call when known.
    struct Variant {
        var wall: [Double] = []
        var serverCPU: [Double] = []

        var latencies: Latencies { Latencies(wall) }
        /// Mean server CPU seconds per call, or nil when the backend's CPU could not be read.
        var meanServerCPU: Double? { serverCPU.count == wall.count && !wall.isEmpty ? serverCPU.reduce(0, +) / Double(wall.count) : nil }

        mutating func record(_ timing: (wall: Double, cpu: Double?)) {
            wall.append(timing.wall)
            if let cpu = timing.cpu { serverCPU.append(cpu) }
        }
    }

    struct Result {
        var append = Variant()
        var appendBefore = Variant()
        var insert = Variant()

        /// Adds one round's timings: current append, previous append, INSERT.
        mutating func record(_ timings: [(wall: Double, cpu: Double?)]) {
            append.record(timings[0])
            appendBefore.record(timings[1])
            insert.record(timings[2])
        }
    }

    static let insertSQL = """
        INSERT INTO bench_insert (global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """

    static func appendSQL(_ function: String) -> String {
        "SELECT r_stream_index, r_positions, r_stream_version, r_replayed FROM \(function)($1, $2, $3, $4, $5, $6, $7, $8)"
    }

    /// Steady state: `rounds` (+ 50 warm-up) rounds in one session. Then, when `sessions` > 0, that
    /// many rounds in which each write is the first statement of a new session after its connection
    /// check, as in a recorded command (`alvh` runs one command per session): `firstInSession`.
    func run(payloads: inout PayloadFactory, sessions: Int = 0) throws -> (steady: Result, firstInSession: Result) {
        try prepare()
        let streams = (current: "condor-\(UUID().uuidString.lowercased())", before: "condor-\(UUID().uuidString.lowercased())")
        let hash = Data(repeating: 0xA5, count: 32)
        var version: Int64 = 0
        func round() -> [(String, [any PostgresEncodable])] {
            version += 1
            return [
                (Self.appendSQL("alvh_append_one"), Self.appendParameters(payloads.event(step: Int(version)), stream: streams.current, version: version)),
                (Self.appendSQL(AppendOneBefore.benchName), Self.appendParameters(payloads.event(step: Int(version)), stream: streams.before, version: version)),
                (Self.insertSQL, Self.insertParameters(payloads.event(step: Int(version)), version: version, hash: hash)),
            ]
        }
        // A session of its own, as each `alvh` command has; connecting is not timed.
        let single = try PostgresConnection(connectionString: url)
        defer { single.close() }
        let backend = try single.query("SELECT pg_backend_pid()").scalar(Int32.self)
        var steady = Result()
        for index in 0..<(rounds + 50) {
            let calls = round()
            var timings: [(wall: Double, cpu: Double?)] = Array(repeating: (0, nil), count: 3)
            for offset in 0..<3 {
                let which = (index + offset) % 3
                timings[which] = try Self.timed(single, backend: backend, calls[which].0, calls[which].1)
            }
            if index >= 50 { steady.record(timings) }
        }
        var first = Result()
        for index in 0..<sessions {
            let calls = round()
            var timings: [(wall: Double, cpu: Double?)] = Array(repeating: (0, nil), count: 3)
            for offset in 0..<3 {
                let which = (index + offset) % 3
                let session = try PostgresConnection(connectionString: url)
                defer { session.close() }
                let pid = try session.query("SELECT pg_backend_pid()").scalar(Int32.self)
                timings[which] = try Self.timed(session, backend: pid, calls[which].0, calls[which].1)
            }
            first.record(timings)
        }
        return (steady, first)
    }

    /// Steady state: the bulk phases' dirty pages are flushed and the tables analysed first, so the
    /// figure is not the background write-out of fresh rows (CHECKPOINT needs superuser or
    /// pg_checkpoint; without it the figure includes that write-out). Installs the previous function
    /// under its bench-only name and creates the INSERT's table.
    private func prepare() throws {
        let setup = try PostgresConnection(connectionString: url)
        defer { setup.close() }
        _ = try? setup.execute("CHECKPOINT")
        _ = try? setup.execute("VACUUM (ANALYZE) events")
        try setup.executeScript(AppendOneBefore.sql(named: AppendOneBefore.benchName))
        try setup.execute("CREATE TABLE bench_insert (LIKE events INCLUDING ALL)")
    }

    static func appendParameters(_ event: NewEvent, stream: String, version: Int64) -> [any PostgresEncodable] {
        [stream, version - 1, event.eventID, event.type, Int32(event.schemaVersion), PostgresTime.unixMicroseconds(event.occurredAt),
         PostgresJSONB(event.data), PostgresJSONB(event.metadata)]
    }

    static func insertParameters(_ event: NewEvent, version: Int64, hash: Data) -> [any PostgresEncodable] {
        [version, "condor-insert", version, event.eventID, event.type, Int32(event.schemaVersion), PostgresJSONB(event.data),
         PostgresJSONB(event.metadata), event.occurredAt, Data(count: 32), hash]
    }

    /// One call's wall seconds and the backend's CPU seconds spent on it.
    private static func timed(_ connection: PostgresConnection, backend: Int32, _ sql: String,
                              _ parameters: [any PostgresEncodable]) throws -> (wall: Double, cpu: Double?) {
        let cpuBefore = BackendCPU.nanoseconds(backend)
        let wall = try seconds { try connection.queryPrepared(sql, parameters) }
        let cpuAfter = BackendCPU.nanoseconds(backend)
        guard let cpuBefore, let cpuAfter else { return (wall, nil) }
        return (wall, Double(cpuAfter - cpuBefore) / 1e9)
    }

}

/// A local server process's time on CPU (user and system), from `/proc/PID/schedstat`.
enum BackendCPU {
    /// Nanoseconds the process has run on a CPU, or nil when it cannot be read (a remote server).
    static func nanoseconds(_ pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/schedstat", encoding: .utf8),
              let first = text.split(separator: " ").first else { return nil }
        return UInt64(first)
    }
}
