import EventStore
import Foundation
import Ledger
import Projections
import Testing
import TestSupport

/// Incremental catch-up after every command and a full replay produce identical rows (ordered dumps
/// of every projection table), two replays are identical, and voided events count nowhere.
@Suite("Replay and catch-up", .serialized)
struct ReplayTests {
    @Test(arguments: [7, 2026] as [UInt64])
    func incrementalEqualsReplayOnARandomLedger(seed: UInt64) throws {
        let l = try LedgerOnStore()
        var session = RandomTradingSession(seed: seed)
        let reader = StoreReader(store: l.store)
        for _ in 0..<160 {
            let step = try session.next(reading: reader)
            try l.run(step.name, step.tokens)
            try l.projector.catchUp()
        }
        // A last mark after every event, so the open positions are valued however the session ended
        // (its sequences changed with credit spreads, partial closes and legging in).
        try l.run("mark", ["--at", ISO8601DateFormatter().string(from: session.clock + 3600), "--spx", "5000", "--vix", "18", "--vix3m", "19"])
        try l.projector.catchUp()
        let kinds = Set(try l.store.readAll(after: 0, limit: 100_000).map(\.type))
        #expect(kinds.isSuperset(of: ["CondorOpened", "CondorRolled", "RollDeferred", "CondorClosed", "HedgeLayerAdded", "MarketObserved", "EventVoided"]))
        let incremental = try l.dump()
        let book = try ProjectionBook.load(l.store.connection)
        #expect(book.condors.count == session.condors.count)
        #expect(book.layers.count == session.layers.count)
        #expect(book.condors.contains { $0.unrealizedPnL != nil })

        let indexQuery = "SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'alvh_projection'"
        let indexesBefore = try l.store.connection.query(indexQuery).scalar(String.self)
        let first = try l.projector.replay()
        // The replay drops secondary indexes for the bulk load and rebuilds the same ones.
        #expect(try l.store.connection.query(indexQuery).scalar(String.self) == indexesBefore)
        #expect(indexesBefore.contains("condors_open"))
        #expect(first.checkpoint == (try l.store.headPosition()))
        let replayed = try l.dump()
        #expect(replayed == incremental)
        try l.projector.replay()
        #expect(try l.dump() == replayed)
        // Folding and writing a few owners at a time (many batches, overlapping) writes the same rows.
        let batched = try l.projector.replay(ownersPerBatch: 3)
        #expect(batched.owners == first.owners)
        #expect(try l.dump() == replayed)
    }

    /// A replay is one transaction: when a COPY fails after earlier batches were written, the old
    /// projections and their checkpoint stay exactly as they were.
    @Test func failedReplayLeavesTheOldProjections() throws {
        let l = try LedgerOnStore()
        var session = RandomTradingSession(seed: 31)
        let reader = StoreReader(store: l.store)
        for _ in 0..<80 {
            let step = try session.next(reading: reader)
            try l.run(step.name, step.tokens)
        }
        try l.projector.catchUp()
        let before = try l.dump()
        let checkpoint = try l.projector.checkpoint()
        let connection = l.store.connection
        // The last condor in fold order cannot be written: its batch comes after the others.
        let last = try connection.query("SELECT max(condor_id::text) FROM alvh_projection.condors").scalar(String.self)
        let condors = try connection.query("SELECT count(*) FROM alvh_projection.condors").scalar(Int64.self)
        #expect(condors >= 6)
        _ = try connection.query("SELECT set_config('alvh.test_refuse', $1, false)", [last])
        try connection.execute("ALTER TABLE alvh_projection.condors ADD CONSTRAINT test_refuse_one CHECK (condor_id::text <> current_setting('alvh.test_refuse')) NOT VALID")
        let error = #expect(throws: (any Error).self) { try l.projector.replay(ownersPerBatch: 2) }
        #expect(String(describing: error).contains("test_refuse_one"))
        try connection.execute("ALTER TABLE alvh_projection.condors DROP CONSTRAINT test_refuse_one")
        #expect(try l.projector.checkpoint() == checkpoint)
        #expect(try l.dump() == before)
        let indexes = try connection.query("SELECT count(*) FROM pg_indexes WHERE schemaname = 'alvh_projection' AND indexname = 'condors_open'").scalar(Int64.self)
        #expect(indexes == 1)
    }

    /// Catching up in one go from an older checkpoint (many commands at once) equals the replay too.
    @Test func oneBigCatchUpEqualsReplay() throws {
        let l = try LedgerOnStore()
        var session = RandomTradingSession(seed: 99)
        let reader = StoreReader(store: l.store)
        for index in 0..<120 {
            let step = try session.next(reading: reader)
            try l.run(step.name, step.tokens)
            if index == 20 { try l.projector.catchUp() }
        }
        let outcome = try l.projector.catchUp()
        #expect(outcome.events > 90)
        let incremental = try l.dump()
        try l.projector.replay()
        #expect(try l.dump() == incremental)
    }

    /// Voiding a roll, a layer's opening and a mark removes them from every projection, in the
    /// incremental path and in a replay alike.
    @Test func voidedEventsAreExcluded() throws {
        let l = try LedgerOnStore()
        let id = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        let roll = try l.run("condor roll", [id.uuidString, "--side", "put", "--long-put", "4950", "--short-put", "5000", "--close-price", "8",
                                             "--open-price", "6", "--fees", "0", "--at", "2026-01-15T15:00:00Z"])
        let layer = UUID()
        let added = try l.run("hedge add", ["--id", layer.uuidString, "--instrument", "VXX", "--quantity", "10", "--price", "20",
                                            "--protects", id.uuidString, "--at", "2026-01-16T15:00:00Z"])
        let mark = try l.run("mark", ["--at", "2026-01-17T20:00:00Z", "--spx", "5100", "--vix", "30"])
        var book = try l.book()
        #expect(book.rolls.count == 1)
        #expect(book.layers.count == 1)
        #expect(book.condors[0].markAt != nil)

        try l.run("void", [roll.eventIDs[0].uuidString, "--reason", "wrong fill"])
        try l.run("void", [added.eventIDs[0].uuidString, "--reason", "never traded"])
        try l.run("void", [mark.eventIDs[0].uuidString, "--reason", "bad print"])
        book = try l.book()
        #expect(book.rolls.isEmpty)
        #expect(book.condors[0].cumulativeCredit == 10)
        #expect(book.condors[0].strikes.shortPut == 4950)
        #expect(book.layers.isEmpty)
        #expect(book.allocations.isEmpty)
        #expect(book.condors[0].markAt == nil)
        #expect(book.flows.map(\.amount) == [-4000])
        #expect(book.decisions.isEmpty)
        let marks = try l.store.connection.query("SELECT count(*) FROM alvh_projection.marks").scalar(Int64.self)
        #expect(marks == 0)
        let incremental = try l.dump()
        try l.projector.replay()
        #expect(try l.dump() == incremental)
    }

    /// The schema is rebuilt (and replayed) when its SQL changes: a stale checksum triggers it.
    @Test func staleSchemaIsRebuilt() throws {
        let l = try LedgerOnStore()
        _ = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        _ = try l.book()
        let before = try l.dump()
        try l.store.connection.execute("UPDATE alvh_projection.meta SET checksum = 'old'")
        try l.projector.catchUp()
        #expect(try l.dump() == before)
    }
}
