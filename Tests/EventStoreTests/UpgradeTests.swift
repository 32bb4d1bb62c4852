import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

/// Ledgers written by every earlier schema keep their chain and continue it after upgrading.
@Suite struct UpgradeTests {
    /// Every stored column that the hash covers, plus the hashes, one text per event.
    static func rows(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT concat_ws('|', global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata,
                             alvh_unix_micros(occurred_at), encode(prev_hash, 'hex'), encode(hash, 'hex'))
              FROM events ORDER BY global_position
            """).rows.map { try $0.decode(String.self, 0) }
    }

    /// One ledger is upgraded 0001 → 0002 → 0003 → now with appends at every step (single events and
    /// multi-stream batches, through each level's own functions); another gets the same appends at the
    /// current level from the start. Every stored column and hash is equal, both chains verify, and
    /// the upgraded ledger ends with the current functions recorded.
    @Test func aLedgerUpgradedStepByStepEqualsOneWrittenAtTheCurrentLevel() throws {
        let old = try TestDatabase.create()
        let oldConnection = try old.connect()
        let oldStore = EventStore(connection: oldConnection)
        let current = try TestDatabase.migrated()
        let currentStore = try current.store()
        let condor = Fixture.condor(), hedge = "hedge-" + UUID().uuidString.lowercased()
        var version: Int64 = 0
        func appendBoth(_ batch: [StreamAppend]) throws {
            #expect(try oldStore.append(batch) == currentStore.append(batch))
        }
        for level in 1...3 {
            try Migrator(connection: oldConnection, migrations: Array(Migration.embedded.prefix(level))).migrate()
            try appendBoth([StreamAppend(streamID: condor, expected: version == 0 ? .noStream : .exact(version),
                                         events: [Fixture.event(data: #"{"level": \#(level), "note": "ünïcode ✓"}"#)])])
            try appendBoth([StreamAppend(streamID: condor, expected: .exact(version + 1), events: [Fixture.event("RollDeferred")]),
                            StreamAppend(streamID: hedge, expected: .any, events: [Fixture.event("HedgeLayerAdded", at: Date(timeIntervalSince1970: -86_400.5))])])
            version += 2
        }
        let upgrade = try Migrator(connection: oldConnection).run()
        #expect(upgrade.migrations == Array(Migration.embedded.dropFirst(3).map(\.name)))
        #expect(upgrade.functions == Migration.embeddedFunctions.map(\.name))
        let retried = [StreamAppend(streamID: condor, expected: .exact(version), events: [Fixture.event("CondorClosed", metadata: #"{"actor": "after"}"#)])]
        try appendBoth(retried)
        try appendBoth([StreamAppend(streamID: hedge, expected: .exact(3), events: [Fixture.event("HedgeLayerReduced"), Fixture.event("HedgeLayerClosed")])])
        // A retry of the last single append, after the upgrade, is a replay on both.
        let replays = try (oldStore.append(retried), currentStore.append(retried))
        #expect(replays.0 == replays.1 && replays.0.allSatisfy(\.wasIdempotentReplay))

        let oldRows = try Self.rows(oldConnection), currentRows = try Self.rows(currentStore.connection)
        #expect(oldRows.count == 12 && oldRows == currentRows)
        for store in [oldStore, currentStore] {
            let report = try store.verify()
            #expect(report.isIntact && report.verifiedCount == 12)
        }
        #expect(try Migrator(connection: oldConnection).appliedFunctions() == Migrator(connection: currentStore.connection).appliedFunctions())
    }

    /// A single event appended through alvh_append_one and through alvh_append (a batch of one) is
    /// stored identically, hash included.
    @Test func bothAppendFunctionsWriteTheSameRow() throws {
        let one = try TestDatabase.migrated()
        let oneStore = try one.store()
        let arrays = try TestDatabase.migrated()
        let arraysConnection = try arrays.connect()
        let stream = Fixture.condor()
        for (index, event) in [Fixture.event(), Fixture.event("RollDeferred", metadata: #"{"a": [1, {"b": null}]}"#)].enumerated() {
            let expected: Int64? = index == 0 ? 0 : nil
            try oneStore.append(to: stream, expected: index == 0 ? .noStream : .any, events: [event])
            let result = try arraysConnection.query(
                "SELECT r_positions FROM alvh_append(ARRAY[$1], ARRAY[$2::bigint], ARRAY[1], ARRAY[$3::uuid], ARRAY[$4], ARRAY[$5::integer], ARRAY[$6::bigint], ARRAY[$7::jsonb], ARRAY[$8::jsonb])",
                [stream, expected, event.eventID, event.type, Int32(event.schemaVersion), PostgresTime.unixMicroseconds(event.occurredAt),
                 PostgresJSONB(event.data), PostgresJSONB(event.metadata)])
            #expect(try result.scalar([Int64].self) == [Int64(index + 1)])
        }
        #expect(try Self.rows(oneStore.connection) == Self.rows(arraysConnection))
        #expect(try EventStore(connection: arraysConnection).verify().isIntact)
    }
}
