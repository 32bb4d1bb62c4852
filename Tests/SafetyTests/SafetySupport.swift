@testable import ALVHCLI
import EventStore
import Foundation
import PostgresClient
import TestSupport

/// One `alvh` run (a child process): exit status and what it printed.
struct AlvhRun {
    var status: Int32
    var out: String
    var err: String

    /// The last JSON object printed on its own line.
    var json: [String: Any] {
        guard let line = out.split(separator: "\n").last(where: { $0.hasPrefix("{\"") }) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
    }
}

enum Safety {
    /// Runs `alvh --database URL ARGS…`.
    static func alvh(_ url: String, _ arguments: [String]) -> AlvhRun {
        let (status, out, err) = ALVHProcess.run(["--database", url] + arguments)
        return AlvhRun(status: status, out: out, err: err)
    }

    /// The ledger head: last position and hash (hex).
    static func head(_ database: TestDatabase) throws -> (position: Int64, hash: String) {
        let connection = try database.connect()
        defer { connection.close() }
        let result = try connection.query("SELECT last_position, encode(last_hash, 'hex') FROM ledger_head WHERE id = 1")
        return (try result.decode(Int64.self, row: 0, column: 0), try result.decode(String.self, row: 0, column: 1))
    }

    /// Every event as text, in position order, with every column but the writing transaction's id.
    static func eventDump(_ connectionString: String) throws -> [String] {
        let connection = try PostgresConnection(connectionString: connectionString)
        defer { connection.close() }
        let result = try connection.query("""
            SELECT concat_ws('|', global_position, stream_id, stream_version, event_id, type, schema_version,
                             alvh_unix_micros(occurred_at), alvh_unix_micros(recorded_at), data::text, metadata::text,
                             encode(prev_hash, 'hex'), encode(hash, 'hex'))
              FROM events ORDER BY global_position
            """)
        return try result.rows.map { try $0.decode(String.self, 0) }
    }

    /// Every row of every projection table (not `meta`), as text, ordered.
    static func projectionDump(_ connectionString: String) throws -> [String] {
        let connection = try PostgresConnection(connectionString: connectionString)
        defer { connection.close() }
        let tables = try connection.query("""
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'alvh_projection' AND table_type = 'BASE TABLE' AND table_name <> 'meta' ORDER BY table_name
            """).rows.map { try $0.decode(String.self, 0) }
        var lines: [String] = []
        for table in tables {
            let quoted = try connection.quoteIdentifier(table)
            let rows = try connection.query("SELECT t::text FROM alvh_projection.\(quoted) AS t ORDER BY 1")
            lines.append("# \(table) \(rows.rowCount)")
            lines += try rows.rows.map { try $0.decode(String.self, 0) }
        }
        let checkpoint = try connection.query("SELECT checkpoint FROM alvh_projection.meta").scalar(Int64.self)
        lines.append("# checkpoint \(checkpoint)")
        return lines
    }

    /// A file under Tests/SafetyTests/Fixtures.
    static func fixture(_ name: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static let openArguments = ["condor", "open", "--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20",
                                "--long-put", "4900", "--short-put", "4950", "--short-call", "5300", "--long-call", "5350",
                                "--contracts", "2", "--credit", "10.25", "--fees", "5.20", "--at", "2026-03-02T15:00:00Z"]

    /// Opens a condor; returns its id.
    static func openCondor(_ url: String, extra: [String] = []) throws -> String {
        let run = alvh(url, ["--json"] + openArguments + extra)
        guard run.status == 0, let id = run.json["condor"] as? String else {
            throw CLIFailure(.failure, "condor open failed: \(run.status) \(run.err)")
        }
        return id
    }

    /// Adds a hedge layer protecting `condor`; returns its id.
    static func addLayer(_ url: String, condor: String) throws -> String {
        let run = alvh(url, ["--json", "hedge", "add", "--protects", condor, "--instrument", "VIX 2026-03-18 C 25", "--quantity", "10",
                             "--price", "1.35", "--fees", "6.50", "--tier", "1", "--at", "2026-03-06T16:00:00Z"])
        guard run.status == 0, let id = run.json["layer"] as? String else {
            throw CLIFailure(.failure, "hedge add failed: \(run.status) \(run.err)")
        }
        return id
    }
}
