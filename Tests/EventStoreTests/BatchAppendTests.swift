import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

/// `append(batches:)` (many batches through one pipeline) and migration 0003 (the leaner alvh_append).
@Suite struct BatchAppendTests {
    @Test func batchesCommitInOrderWithGaplessPositionsAndAnIntactChain() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let streams = (0..<6).map { _ in Fixture.condor() }
        let batches: [[StreamAppend]] = streams.indices.map { index in
            // Each batch: its own stream (3 events) and, from the second on, one more event on the previous stream.
            var batch = [StreamAppend(streamID: streams[index], expected: .noStream, events: (0..<3).map { _ in Fixture.event() })]
            if index > 0 { batch.append(StreamAppend(streamID: streams[index - 1], expected: .exact(3), events: [Fixture.event("RollDeferred")])) }
            return batch
        }
        let results = try store.append(batches: batches)
        #expect(results.count == 6)
        #expect(results[0] == [AppendResult(streamID: streams[0], positions: [1, 2, 3], streamVersion: 3, wasIdempotentReplay: false)])
        #expect(results[1] == [AppendResult(streamID: streams[1], positions: [4, 5, 6], streamVersion: 3, wasIdempotentReplay: false),
                               AppendResult(streamID: streams[0], positions: [7], streamVersion: 4, wasIdempotentReplay: false)])
        #expect(results.flatMap { $0.flatMap(\.positions) } == Array(1...23))
        #expect(try store.headPosition() == 23)
        let report = try store.verify()
        #expect(report.isIntact && report.verifiedCount == 23)
        // The same batches again are idempotent replays with the original positions.
        let again = try store.append(batches: batches)
        #expect(again.flatMap { $0.flatMap(\.positions) } == Array(1...23))
        #expect(again.allSatisfy { $0.allSatisfy(\.wasIdempotentReplay) })
        #expect(try store.headPosition() == 23)
    }

    @Test func theFirstFailingBatchStopsTheRestAndNamesItself() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let taken = Fixture.condor()
        try store.append(to: taken, expected: .noStream, events: [Fixture.event()])
        let fresh = (0..<5).map { _ in Fixture.condor() }
        var batches = fresh.map { [StreamAppend(streamID: $0, expected: .noStream, events: [Fixture.event(), Fixture.event()])] }
        batches[2] = [StreamAppend(streamID: fresh[2], expected: .noStream, events: [Fixture.event()]),
                      StreamAppend(streamID: taken, expected: .noStream, events: [Fixture.event()])]
        let failure = try #require(throws: BatchAppendFailure.self) { try store.append(batches: batches) }
        #expect(failure.batchIndex == 2)
        #expect(failure.underlying as? EventStoreError == .wrongExpectedVersion(stream: taken, expected: .noStream, actual: 1))
        #expect(failure.description.hasPrefix("batch 3: stream \(taken)"))
        // Batches 1 and 2 committed; the failed third and everything after it did not.
        #expect(try store.headPosition() == 5)
        #expect(try fresh.map { try store.streamVersion($0) } == [2, 2, 0, 0, 0])
        #expect(store.connection.transactionStatus == .idle)
        #expect(try store.verify().isIntact)
    }

    @Test func migration0003KeepsTheHashesOf0001AndContinuesItsChain() throws {
        // Two ledgers get the same events: one through the 0001 alvh_append (migrations 0001–0002),
        // one through 0003's. Every stored column, hashes included, must be equal.
        let old = try TestDatabase.create()
        let oldConnection = try old.connect()
        try Migrator(connection: oldConnection, migrations: Array(Migration.embedded.prefix(2))).migrate()
        let oldStore = EventStore(connection: oldConnection)
        let new = try TestDatabase.migrated()
        let newStore = try new.store()
        let stream = Fixture.condor(), other = Fixture.condor()
        let appends: [[StreamAppend]] = [
            [StreamAppend(streamID: stream, expected: .noStream, events: [Fixture.event(data: #"{"credit": "2.35", "note": "ünïcode ✓", "legs": [1, 2]}"#)])],
            [StreamAppend(streamID: stream, expected: .exact(1), events: [Fixture.event("CondorRolled", at: Date(timeIntervalSince1970: -86_400.5))]),
             StreamAppend(streamID: other, expected: .any, events: [Fixture.event(), Fixture.event("HedgeLayerAdded", metadata: #"{"actor": "a\"b"}"#)])],
        ]
        for batch in appends {
            #expect(try oldStore.append(batch) == newStore.append(batch))
        }
        let rowText = """
            SELECT concat_ws('|', global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata,
                             alvh_unix_micros(occurred_at), encode(prev_hash, 'hex'), encode(hash, 'hex'))
              FROM events ORDER BY global_position
            """
        let oldRows = try oldConnection.query(rowText).rows.map { try $0.decode(String.self, 0) }
        let newRows = try newStore.connection.query(rowText).rows.map { try $0.decode(String.self, 0) }
        #expect(oldRows.count == 4 && oldRows == newRows)
        // Upgrading the old ledger: the new function continues its chain.
        try Migrator(connection: oldConnection).migrate()
        try oldStore.append(to: stream, expected: .exact(2), events: [Fixture.event("CondorClosed")])
        let report = try oldStore.verify()
        #expect(report.isIntact && report.verifiedCount == 5)
    }
}
