import EventStore
import Foundation
import Testing
import TestSupport

/// One commit that records a sequence of decisions across streams numbers them in the order they
/// happened, not stream by stream.
@Suite struct InterleavedAppendTests {
    @Test func eventsAreNumberedInTheGivenOrderAcrossStreams() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let condor = Fixture.condor()
        let hedge = "hedge-" + UUID().uuidString.lowercased()
        let opened = Fixture.event("CondorOpened"), added = Fixture.event("HedgeLayerAdded")
        let deferred = Fixture.event("RollDeferred"), reduced = Fixture.event("HedgeLayerReduced")
        let batch = [
            StreamAppend(streamID: condor, expected: .noStream, events: [opened, deferred]),
            StreamAppend(streamID: hedge, expected: .noStream, events: [added, reduced]),
        ]
        let results = try store.append(batch, eventOrder: [opened.eventID, added.eventID, deferred.eventID, reduced.eventID])
        #expect(results.map(\.positions) == [[1, 3], [2, 4]])
        #expect(results.map(\.streamVersion) == [2, 2])
        let all = try store.readAll(after: 0, limit: 10)
        #expect(all.map(\.type) == ["CondorOpened", "HedgeLayerAdded", "RollDeferred", "HedgeLayerReduced"])
        #expect(all.map(\.streamVersion) == [1, 1, 2, 2])
        #expect(try store.verify().isIntact)

        // A retry of the same batch in the same order is idempotent and returns the same positions.
        let retry = try store.append(batch, eventOrder: [opened.eventID, added.eventID, deferred.eventID, reduced.eventID])
        #expect(retry.map(\.positions) == [[1, 3], [2, 4]])
        #expect(retry.allSatisfy { $0.wasIdempotentReplay })
    }

    @Test func anOrderThatReordersAStreamOrMissesAnEventIsRefusedAndWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let condor = Fixture.condor()
        let first = Fixture.event("CondorOpened"), second = Fixture.event("RollDeferred")
        let batch = [StreamAppend(streamID: condor, expected: .noStream, events: [first, second])]
        let reordered = try #require(throws: EventStoreError.self) {
            try store.append(batch, eventOrder: [second.eventID, first.eventID])
        }
        #expect(reordered.description.contains("must keep their order"))
        let short = try #require(throws: EventStoreError.self) {
            try store.append(batch, eventOrder: [first.eventID])
        }
        #expect(short.description.contains("must name each of the batch's 2 events once"))
        let foreign = try #require(throws: EventStoreError.self) {
            try store.append(batch, eventOrder: [first.eventID, UUID()])
        }
        #expect(foreign.description.contains("is not an event of the batch"))
        #expect(try store.headPosition() == 0)
    }
}
