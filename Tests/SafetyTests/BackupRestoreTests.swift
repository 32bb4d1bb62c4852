import EventStore
import Foundation
import Ledger
import PostgresClient
import Projections
import Testing
import TestSupport

/// `alvh export` / `alvh import-ledger` against real PostgreSQL databases.
@Suite(.serialized) struct BackupRestoreTests {
    /// A small ledger touching every kind of command, with hostile text in it.
    static func recordSession(_ url: String) throws {
        #expect(Safety.alvh(url, ["portfolio", "add", "desk \"β\"; DROP TABLE events; --"]).status == 0)
        let condor = try Safety.openCondor(url, extra: ["--note", "line1\nline2\t\\ \u{1} ✓"])
        #expect(Safety.alvh(url, ["condor", "defer", condor, "--reason", "noise", "--at", "2026-03-03T15:00:00.123Z", "--vix", "21.5"]).status == 0)
        let layer = try Safety.addLayer(url, condor: condor)
        #expect(Safety.alvh(url, ["mark", "--at", "2026-03-06T21:00:00Z", "--spx", "5012.37", "--vix", "19.5", "--vix3m", "20.2",
                                  "--quote", "2026-03-20 P 4900=8.1/8.6@0.22"]).status == 0)
        #expect(Safety.alvh(url, ["hedge", "close", layer, "--price", "0.8", "--fees", "3", "--at", "2026-03-10T16:00:00Z"]).status == 0)
        #expect(Safety.alvh(url, ["condor", "close", condor, "--price", "2.10", "--fees", "5.20", "--reason", "take-profit",
                                  "--at", "2026-03-12T15:00:00Z"]).status == 0)
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("alvh-export-\(UUID().uuidString).ndjson")
    }

    @Test func exportThenImportReproducesEventsHashesAndProjections() throws {
        let source = try TestDatabase.migrated()
        try Self.recordSession(source.connectionString)
        #expect(Safety.alvh(source.connectionString, ["replay"]).status == 0)
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let export = Safety.alvh(source.connectionString, ["--json", "export", file.path])
        #expect(export.status == 0, "\(export.err)")
        let head = try Safety.head(source)
        #expect(export.json["exported"] as? Int == Int(head.position))

        // Every line carries the fields, microsecond times and hashes.
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == Int(head.position))
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(first.keys) == ["position", "stream", "version", "id", "type", "schema_version", "occurred_at_us", "recorded_at_us",
                                    "prev_hash", "hash", "metadata", "data"])
        #expect((lines.last?.contains("\"hash\":\"\(head.hash)\"")) == true)
        #expect(lines.contains { $0.contains("\"occurred_at_us\":1772550000123000") })

        let target = try TestDatabase.create()
        let restored = Safety.alvh(target.connectionString, ["--json", "import-ledger", file.path])
        #expect(restored.status == 0, "\(restored.err)")
        #expect(restored.json["imported"] as? Int == Int(head.position))
        #expect(try Safety.eventDump(target.connectionString) == Safety.eventDump(source.connectionString))
        #expect(try Safety.head(target) == head)
        #expect(Safety.alvh(target.connectionString, ["verify"]).status == 0)
        #expect(Safety.alvh(target.connectionString, ["replay"]).status == 0)
        #expect(try Safety.projectionDump(target.connectionString) == Safety.projectionDump(source.connectionString))

        // The restored ledger goes on: a new command appends at the next position, chained.
        #expect(Safety.alvh(target.connectionString, ["portfolio", "add", "after-restore"]).status == 0)
        #expect(try Safety.head(target).position == head.position + 1)
        #expect(Safety.alvh(target.connectionString, ["verify"]).status == 0)

        // A non-empty ledger is refused, and nothing changes.
        let again = Safety.alvh(target.connectionString, ["import-ledger", file.path])
        #expect(again.status == 2 && again.err.contains("must be empty"))
        #expect(try Safety.head(target).position == head.position + 1)
    }

    /// Alterations of the file are refused before anything is written, naming the first bad line.
    @Test(arguments: [
        ("data changed", 4),
        ("line removed", 3),
        ("hash changed", 2),
        ("metadata changed", 4),
        ("not json", 5),
    ])
    func aFileWhoseChainDoesNotVerifyIsRefused(alteration: String, line: Int) throws {
        let source = try TestDatabase.migrated()
        try Self.recordSession(source.connectionString)
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Safety.alvh(source.connectionString, ["export", file.path]).status == 0)
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let index = line - 1
        switch alteration {
        case "data changed": lines[index] = lines[index].replacingOccurrences(of: "\"noise\"", with: "\"noisy\"")
        case "line removed": lines.remove(at: index)
        case "hash changed":
            let hash = try #require(lines[index].range(of: "\"hash\":\"")).upperBound
            lines[index].replaceSubrange(hash..<lines[index].index(hash, offsetBy: 1), with: lines[index][hash] == "0" ? "1" : "0")
        case "metadata changed": lines[index] = lines[index].replacingOccurrences(of: "\"actor\": \"", with: "\"actor\": \"x")
        default: lines[index] = "{\"position\": 5, oops"
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let target = try TestDatabase.migrated()
        let run = Safety.alvh(target.connectionString, ["import-ledger", file.path])
        #expect(run.status == 2)
        #expect(run.err.contains("line \(line):"), "\(alteration): \(run.err)")
        #expect(run.err.contains("nothing was imported"))
        #expect(try Safety.head(target).position == 0)
        #expect(try Safety.eventDump(target.connectionString).isEmpty)
    }

    /// The database checks the chain too: a batch sent around the tool's own check is refused, and
    /// the immutability triggers are still in force after a restore.
    @Test func theRestoreFunctionRecomputesHashesAndTriggersStayOn() throws {
        let database = try TestDatabase.migrated()
        let connection = try database.connect()
        defer { connection.close() }
        let forged = Data(repeating: 7, count: 32)
        let call = "SELECT alvh_restore($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        func parameters(hash: Data) -> [any PostgresEncodable] {
            [[Int64(1)], ["portfolio-x"], [Int64(1)], [UUID()], ["PortfolioOpened"], [Int32(1)], [Int64(0)], [Int64(0)],
             [PostgresJSONB(Data(#"{"name": "x"}"#.utf8))], [PostgresJSONB(Data("{}".utf8))], [Data(CanonicalEventBytes.genesisHash)], [hash]]
        }
        #expect(throws: PostgresError.self) { try connection.execute(call, parameters(hash: forged)) }
        #expect(try Safety.head(database).position == 0)

        let source = try TestDatabase.migrated()
        try Self.recordSession(source.connectionString)
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Safety.alvh(source.connectionString, ["export", file.path]).status == 0)
        #expect(Safety.alvh(database.connectionString, ["import-ledger", file.path]).status == 0)
        for statement in ["UPDATE events SET type = 'X'", "DELETE FROM events", "TRUNCATE events"] {
            let error = #expect(throws: PostgresError.self) { try connection.execute(statement) }
            #expect(error.map { "\($0)".contains("immutable") } == true, "\(statement)")
        }
    }
}
