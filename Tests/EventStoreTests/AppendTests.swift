import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct AppendTests {
    @Test func expectedVersionsNoStreamExactAny() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let stream = Fixture.condor()
        let first = try store.append(to: stream, expected: .noStream, events: [Fixture.event(), Fixture.event("CondorRolled")])
        #expect(first == AppendResult(streamID: stream, positions: [1, 2], streamVersion: 2, wasIdempotentReplay: false))
        let second = try store.append(to: stream, expected: .exact(2), events: [Fixture.event("RollDeferred")])
        #expect(second.positions == [3])
        #expect(second.streamVersion == 3)
        let third = try store.append(to: stream, expected: .any, events: [Fixture.event("CondorClosed")])
        #expect(third.streamVersion == 4)
        let other = try store.append(to: Fixture.condor(), expected: .any, events: [Fixture.event()])
        #expect(other.positions == [5])
        #expect(other.streamVersion == 1)
        let events = try store.readStream(stream)
        #expect(events.map(\.streamVersion) == [1, 2, 3, 4])
        #expect(events.map(\.type) == ["CondorOpened", "CondorRolled", "RollDeferred", "CondorClosed"])
        #expect(try store.streamVersion(stream) == 4)
        #expect(try store.streamVersion("condor-unknown") == 0)
        #expect(try store.headPosition() == 5)
    }

    @Test func aConflictNamesTheStreamAndBothVersionsAndWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let stream = Fixture.condor()
        try store.append(to: stream, expected: .noStream, events: [Fixture.event(), Fixture.event()])
        let stale = try #require(throws: EventStoreError.self) {
            try store.append(to: stream, expected: .exact(1), events: [Fixture.event()])
        }
        #expect(stale == .wrongExpectedVersion(stream: stream, expected: .exact(1), actual: 2))
        #expect(stale.description == "stream \(stream): expected version 1, but it is at version 2")
        let exists = try #require(throws: EventStoreError.self) {
            try store.append(to: stream, expected: .noStream, events: [Fixture.event()])
        }
        #expect(exists == .wrongExpectedVersion(stream: stream, expected: .noStream, actual: 2))
        let missing = try #require(throws: EventStoreError.self) {
            try store.append(to: Fixture.condor(), expected: .exact(3), events: [Fixture.event()])
        }
        if case .wrongExpectedVersion(_, .exact(3), 0) = missing {} else { Issue.record("got \(missing)") }
        #expect(try store.headPosition() == 2)
    }

    @Test func aMultiStreamBatchIsAllOrNothing() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let condor = Fixture.condor()
        let hedge = "hedge-" + UUID().uuidString.lowercased()
        try store.append(to: condor, expected: .noStream, events: [Fixture.event()])
        let results = try store.append([
            StreamAppend(streamID: condor, expected: .exact(1), events: [Fixture.event("RollDeferred")]),
            StreamAppend(streamID: hedge, expected: .noStream, events: [Fixture.event("HedgeLayerAdded"), Fixture.event("HedgeLayerReduced")]),
        ])
        #expect(results.map(\.positions) == [[2], [3, 4]])
        #expect(results.map(\.streamVersion) == [2, 2])
        // The second stream's expectation fails: the first stream's events are not written either.
        let error = try #require(throws: EventStoreError.self) {
            try store.append([
                StreamAppend(streamID: condor, expected: .exact(2), events: [Fixture.event("CondorClosed")]),
                StreamAppend(streamID: hedge, expected: .exact(1), events: [Fixture.event("HedgeLayerClosed")]),
            ])
        }
        #expect(error == .wrongExpectedVersion(stream: hedge, expected: .exact(1), actual: 2))
        #expect(try store.streamVersion(condor) == 2)
        #expect(try store.headPosition() == 4)
        #expect(store.connection.transactionStatus == .idle)
    }

    @Test func anIdenticalRetryReturnsTheOriginalPositions() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let stream = Fixture.condor()
        let events = [Fixture.event(), Fixture.event("CondorRolled")]
        try store.append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event()])
        let original = try store.append(to: stream, expected: .noStream, events: events)
        try store.append(to: stream, expected: .exact(2), events: [Fixture.event("CondorClosed")])
        // The retry arrives after the stream moved on: still the original result, nothing written.
        var retried = events
        retried[0].metadata = Data(#"{"actor": "test", "attempt": 2}"#.utf8)
        let replay = try store.append(to: stream, expected: .noStream, events: retried)
        #expect(replay == AppendResult(streamID: stream, positions: original.positions, streamVersion: 2, wasIdempotentReplay: true))
        #expect(try store.headPosition() == 4)
    }

    @Test func reusingAnEventIDForAnotherPayloadIsAnError() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let stream = Fixture.condor()
        let id = UUID()
        try store.append(to: stream, expected: .noStream, events: [Fixture.event(id: id, data: #"{"credit": "2.35"}"#)])
        let error = try #require(throws: EventStoreError.self) {
            try store.append(to: stream, expected: .exact(1), events: [Fixture.event(id: id, data: #"{"credit": "2.40"}"#)])
        }
        #expect(error == .eventIDConflict(eventID: id, existingPosition: 1))
        // Mixing a recorded id with new ones is refused too.
        let mixed = try #require(throws: EventStoreError.self) {
            try store.append(to: stream, expected: .exact(1), events: [Fixture.event(id: id, data: #"{"credit": "2.35"}"#), Fixture.event()])
        }
        #expect(mixed.description.contains("already recorded at position 1"))
        #expect(try store.headPosition() == 1)
    }

    @Test func badInputIsRefusedBeforeAnythingIsWritten() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let cases: [(StreamAppend, String)] = [
            (StreamAppend(streamID: "Condor 1", expected: .any, events: [Fixture.event()]), "stream id \"Condor 1\""),
            (StreamAppend(streamID: Fixture.condor(), expected: .exact(0), events: [Fixture.event()]), "must be ≥ 1"),
            (StreamAppend(streamID: Fixture.condor(), expected: .any, events: []), "at least one event"),
            (StreamAppend(streamID: Fixture.condor(), expected: .any, events: [Fixture.event("Condor Opened")]), "event type"),
            (StreamAppend(streamID: Fixture.condor(), expected: .any, events: [Fixture.event(data: "[1, 2]")]), "must be one JSON object"),
            (StreamAppend(streamID: Fixture.condor(), expected: .any, events: [Fixture.event(data: #"{"a": 1}, "id": "x""#)]), "must be one JSON object"),
            (StreamAppend(streamID: Fixture.condor(), expected: .any, events: [Fixture.event(data: #"{"a": nope}"#)]), "append refused by the database"),
        ]
        for (append, expected) in cases {
            let error = try #require(throws: EventStoreError.self) { try store.append([append]) }
            #expect(error.description.contains(expected), "\(error)")
        }
        let id = UUID()
        let duplicate = try #require(throws: EventStoreError.self) {
            try store.append(to: Fixture.condor(), expected: .any, events: [Fixture.event(id: id), Fixture.event(id: id)])
        }
        #expect(duplicate.description.contains("appears twice"))
        #expect(try store.headPosition() == 0)
        #expect(store.connection.transactionStatus == .idle)
    }

    @Test func readsReturnWhatWasWritten() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let stream = Fixture.condor()
        let event = Fixture.event(data: #"{"credit": "2.35", "note": "ünïcode ✓ \"q\""}"#)
        try store.append(to: stream, expected: .noStream, events: [event])
        for index in 0..<10 { try store.append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event(data: #"{"i": \#(index)}"#)]) }
        let read = try #require(try store.event(id: event.eventID))
        #expect(read.globalPosition == 1)
        #expect(read.streamID == stream)
        #expect(read.type == "CondorOpened")
        #expect(read.schemaVersion == 1)
        #expect(String(decoding: read.data, as: UTF8.self) == #"{"note": "ünïcode ✓ \"q\"", "credit": "2.35"}"#)
        #expect(PostgresTime.unixMicroseconds(read.occurredAt) == PostgresTime.unixMicroseconds(Fixture.when))
        #expect(read.prevHash == Data(count: 32))
        #expect(read.hash.count == 32)
        #expect(try store.event(id: UUID()) == nil)
        #expect(try store.readAll(after: 0, limit: 4).map(\.globalPosition) == [1, 2, 3, 4])
        #expect(try store.readAll(after: 8, limit: 100).map(\.globalPosition) == [9, 10, 11])
        #expect(try store.readAll(after: 11, limit: 100).isEmpty)
        #expect(throws: EventStoreError.self) { try store.readAll(after: 0, limit: 0) }
    }
}
