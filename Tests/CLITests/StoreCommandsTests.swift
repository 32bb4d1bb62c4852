import ALVHCLI
import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

/// `alvh db migrate`, `alvh verify` and `alvh events`, driven in-process against a real database.
@Suite(.serialized) struct StoreCommandsTests {
    /// Runs `alvh`; drops lines the test runner itself printed meanwhile (tests run in parallel).
    func alvh(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let (status, out, err) = ALVHProcess.run(arguments)
        func ours(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { line in !["◇", "✔", "✘", "↳", "􀟈", "􁁛", "􀢄"].contains { line.hasPrefix($0) } && !line.hasPrefix("Test ") }
                .joined(separator: "\n")
        }
        return (status, ours(out), ours(err))
    }

    @Test func migrateThenNoOp() throws {
        let database = try TestDatabase.create()
        let first = alvh(["db", "migrate", "--database", database.connectionString])
        #expect(first.status == 0)
        #expect(first.out.contains("applied 0001_events.sql"))
        let again = alvh(["--database", database.connectionString, "--json", "db", "migrate"])
        #expect(again.status == 0)
        #expect(again.out.contains(#""applied":[]"#) && again.out.contains(#""up_to_date":true"#))
    }

    @Test func verifyPrintsCountAndHeadHashOrTheFirstBadPosition() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        for index in 0..<3 {
            try store.append(to: "condor-\(UUID().uuidString.lowercased())", expected: .noStream,
                             events: [NewEvent(type: "CondorOpened", data: Data(#"{"i": \#(index)}"#.utf8), occurredAt: Date())])
        }
        let head = try #require(try store.readAll(after: 2, limit: 1).first)
        let good = alvh(["verify", "--database", database.connectionString])
        #expect(good.status == 0)
        #expect(good.out.contains("verified 3 events; head hash \(SHA256.hex(head.hash))"))

        try store.connection.executeScript("""
            ALTER TABLE events DISABLE TRIGGER events_refuse_update;
            UPDATE events SET data = '{"i": 42}' WHERE global_position = 2;
            ALTER TABLE events ENABLE TRIGGER events_refuse_update;
            """)
        let bad = alvh(["verify", "--database", database.connectionString])
        #expect(bad.status == 1)
        #expect(bad.err.contains("verify failed at position 2"))
        let json = alvh(["verify", "--json", "--database", database.connectionString])
        #expect(json.status == 1)
        #expect(json.out.contains(#""first_bad_position":2"#) && json.out.contains(#""intact":false"#))
    }

    @Test func eventsListsInOrderFiltersAndPrintsJSON() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let condor = "condor-" + UUID().uuidString.lowercased()
        try store.append(to: condor, expected: .noStream, events: [
            NewEvent(type: "CondorOpened", data: Data(#"{"credit": "2.35"}"#.utf8), occurredAt: Date(timeIntervalSince1970: 1_764_057_730)),
            NewEvent(type: "CondorRolled", data: Data(#"{"credit": "0.40"}"#.utf8), occurredAt: Date(timeIntervalSince1970: 1_764_057_830)),
        ])
        try store.append(to: "market-spx", expected: .noStream, events: [NewEvent(type: "MarketObserved", data: Data(#"{"spx": "6000.25"}"#.utf8), occurredAt: Date())])
        let table = alvh(["events", "--database", database.connectionString])
        #expect(table.status == 0)
        let lines = table.out.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("POSITION") == true)
        #expect(lines[1].contains("CondorOpened") && lines[3].contains("market-spx"))
        #expect(lines[1].contains("2025-11-25T08:02:10"))

        let stream = alvh(["events", "--stream", condor, "--from", "2", "--json", "--database", database.connectionString])
        #expect(stream.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stream.out.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.count == 1)
        #expect(events.first?["type"] as? String == "CondorRolled")
        #expect((events.first?["data"] as? [String: Any])?["credit"] as? String == "0.40")

        let limited = alvh(["events", "--limit", "1", "--from", "3", "--database", database.connectionString])
        #expect(limited.out.split(separator: "\n").count == 2)
    }

    @Test func badInputAndUnreachableDatabasesExitNonZeroWithOneLine() throws {
        let database = try TestDatabase.migrated()
        let cases: [([String], Int32, String)] = [
            (["events", "--limit", "0", "--database", database.connectionString], 2, "alvh: --limit: must be between 1 and 100000"),
            (["events", "--from", "0", "--database", database.connectionString], 2, "alvh: --from: must be a position ≥ 1"),
            (["events", "--stream", "Not A Stream", "--database", database.connectionString], 2, "alvh: --stream:"),
            (["verify", "--database", "postgresql://[::1"], 2, "alvh: database: invalid connection string"),
            (["verify", "--database", "host=/nonexistent/alvh dbname=x"], 4, "alvh: database unavailable: could not connect"),
            (["db", "migrate", "--database", "postgresql://nobody@127.0.0.1:1/x"], 4, "alvh: database unavailable"),
        ]
        for (arguments, status, message) in cases {
            let started = Date()
            let result = alvh(arguments)
            #expect(result.status == status, "\(arguments)")
            #expect(result.err.hasPrefix(message), "\(arguments): \(result.err)")
            #expect(result.err.split(separator: "\n").count == 1)
            #expect(Date().timeIntervalSince(started) < 6)
        }
        // Nothing was written by any of them.
        #expect(try database.store().headPosition() == 0)
    }
}
