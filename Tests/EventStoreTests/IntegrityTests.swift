import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct IntegrityTests {
    private func seeded(_ count: Int = 6) throws -> (TestDatabase, EventStore) {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        for index in 0..<count {
            try store.append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event(data: #"{"i": \#(index)}"#)])
        }
        return (database, store)
    }

    @Test func updateDeleteAndTruncateAreRefusedEvenForTheOwner() throws {
        let (_, store) = try seeded(2)
        // The test role is a superuser and owns the table.
        #expect(try store.connection.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar(Bool.self))
        for statement in ["UPDATE events SET type = 'Other'", "DELETE FROM events WHERE global_position = 1",
                          "DELETE FROM events WHERE false", "TRUNCATE events"] {
            let error = try #require(throws: PostgresError.self) { try store.connection.execute(statement) }
            #expect(error.code == StoreErrors.immutable, "\(statement)")
            #expect(error.message.contains("events is immutable"))
        }
        #expect(try store.headPosition() == 2)
        #expect(try store.readAll(after: 0, limit: 10).count == 2)
    }

    @Test func theApplicationRoleMayOnlySelectInsertAndAppend() throws {
        let (_, store) = try seeded(1)
        let connection = store.connection
        func privilege(_ kind: String) throws -> Bool {
            try connection.query("SELECT has_table_privilege('alvh_app', 'events', $1)", [kind]).scalar(Bool.self)
        }
        // 0002 revokes the direct INSERT of 0001: appends go through alvh_append only.
        #expect(try privilege("SELECT") && !privilege("INSERT"))
        #expect(try !privilege("UPDATE") && !privilege("DELETE") && !privilege("TRUNCATE"))
        #expect(try connection.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'alvh_app'").scalar(Bool.self) == false)
        try connection.execute("SET ROLE alvh_app")
        let denied = try #require(throws: PostgresError.self) { try connection.execute("DELETE FROM events") }
        #expect(denied.code == .insufficientPrivilege)
        let result = try store.append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event()])
        #expect(result.positions == [2])
        try connection.execute("RESET ROLE")
    }

    @Test func verifyAcceptsAnIntactChainAndAgreesWithTheDatabase() throws {
        let (_, store) = try seeded(5)
        try store.append(to: Fixture.condor(), expected: .noStream, events: (0..<7).map { _ in Fixture.event(data: #"{"nested": {"b": [1, 2.50, null], "a": "x"}}"#) })
        let report = try store.verify(pageSize: 4)
        #expect(report.isIntact)
        #expect(report.verifiedCount == 12)
        let last = try #require(try store.readAll(after: 11, limit: 1).first)
        #expect(report.headHash == last.hash)
        // The Swift canonical bytes equal the schema's for every row.
        let sql = try store.connection.query("SELECT alvh_canonical_bytes(global_position, stream_id, stream_version, event_id, type, schema_version, occurred_at, data, metadata) FROM events ORDER BY global_position")
        for (row, event) in try store.readAll(after: 0, limit: 100).enumerated() {
            let swift = CanonicalEventBytes.bytes(globalPosition: event.globalPosition, streamID: event.streamID, streamVersion: event.streamVersion,
                                                  eventID: event.eventID, type: event.type, schemaVersion: event.schemaVersion,
                                                  occurredAtUnixMicros: PostgresTime.unixMicroseconds(event.occurredAt), data: event.data, metadata: event.metadata)
            #expect(try sql.decode(Data.self, row: row, column: 0) == Data(swift))
        }
        let empty = try TestDatabase.migrated()
        let emptyReport = try empty.store().verify()
        #expect(emptyReport.isIntact && emptyReport.verifiedCount == 0 && emptyReport.headHash == Data(count: 32))
    }

    @Test func verifyNamesTheFirstAlteredPosition() throws {
        let (_, store) = try seeded(6)
        // A superuser disables the trigger and edits a payload behind the tool's back.
        try store.connection.executeScript("""
            ALTER TABLE events DISABLE TRIGGER events_refuse_update;
            UPDATE events SET data = '{"i": 99}' WHERE global_position = 4;
            ALTER TABLE events ENABLE TRIGGER events_refuse_update;
            """)
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.firstBadPosition == 4)
        #expect(report.verifiedCount == 3)
        #expect(report.problem == "hash does not match the event's contents")
    }

    @Test func verifyNamesAMissingPositionAndARewrittenChain() throws {
        let (_, store) = try seeded(6)
        try store.connection.executeScript("""
            ALTER TABLE events DISABLE TRIGGER events_refuse_delete;
            DELETE FROM events WHERE global_position = 5;
            ALTER TABLE events ENABLE TRIGGER events_refuse_delete;
            """)
        let missing = try store.verify()
        #expect(missing.firstBadPosition == 5)
        #expect(missing.problem?.contains("position 5 is missing") == true)

        let (_, other) = try seeded(4)
        // Recomputing the altered row's own hash is not enough: the next link breaks.
        try other.connection.executeScript("""
            ALTER TABLE events DISABLE TRIGGER events_refuse_update;
            UPDATE events SET data = '{"i": 77}' WHERE global_position = 2;
            UPDATE events SET hash = sha256(prev_hash || alvh_canonical_bytes(global_position, stream_id, stream_version, event_id, type, schema_version, occurred_at, data, metadata)) WHERE global_position = 2;
            ALTER TABLE events ENABLE TRIGGER events_refuse_update;
            """)
        let relinked = try other.verify()
        #expect(relinked.firstBadPosition == 3)
        #expect(relinked.problem?.contains("prev_hash") == true)
    }
}
