import EventStore
import Foundation
import Ledger
import PostgresClient
import Projections
import Testing
import TestSupport

extension Reliability {
    /// A subscriber whose server session is terminated (`pg_terminate_backend`) reconnects and resumes
    /// from its checkpoint: every event once, in order, no gap, no duplicate.
    @Suite("Subscriber resumption", .serialized)
    struct SubscriberResumptionTests {
        /// Appends `batches` batches of `size` events, each batch to its own stream; returns their ids in order.
        static func appendEvents(_ store: EventStore, batches: Range<Int>, size: Int) throws -> [UUID] {
            var ids: [UUID] = []
            for batch in batches {
                let events = (0..<size).map { index in
                    NewEvent(type: "ProbeRecorded", data: Data(#"{"batch":\#(batch),"index":\#(index)}"#.utf8), occurredAt: Date(timeIntervalSince1970: 1_767_600_000 + Double(batch)))
                }
                try store.append(to: "probe-\(batch)", expected: .noStream, events: events)
                ids += events.map(\.eventID)
            }
            return ids
        }

        @Test("a subscription cut mid-stream and while tailing resumes from its checkpoint")
        func subscriptionResumes() throws {
            let database = try TestDatabase.migrated()
            let store = try database.store()
            let admin = try database.connect()
            defer { admin.close(); store.connection.close() }
            var appended = try Self.appendEvents(store, batches: 0..<30, size: 100)

            let name = "alvh-subscriber-\(UUID().uuidString.prefix(8).lowercased())"
            let subscription = EventSubscription(connectionString: try connectionString(database.connectionString, applicationName: name),
                                                 batchSize: 70, pollInterval: 0.2)
            defer { subscription.close() }
            let processes = ServerProcesses(admin: admin)
            var seen: [RecordedEvent] = []
            var cuts = 0
            // Catching up: cut the session after a few batches, several times, mid-stream.
            var batch = 0
            while seen.count < appended.count {
                let events = try subscription.next(timeout: 10)
                #expect(!events.isEmpty, "the subscription returned nothing while \(appended.count - seen.count) events were behind it")
                if events.isEmpty { break }
                seen += events
                batch += 1
                if [2, 9, 20, 33].contains(batch) {
                    #expect(try processes.terminate(named: name) == 1)
                    cuts += 1
                }
            }
            // Tailing: cut it while it waits for notifications, then append more.
            let tail = Thread.detachNewThreadWithResult {
                try subscription.next(timeout: 10)
            }
            #expect(try processes.waitFor(named: name, timeout: 5) { $0.state == "idle" } != nil)
            usleep(50_000)
            #expect(try processes.terminate(named: name) == 1)
            cuts += 1
            appended += try Self.appendEvents(store, batches: 30..<32, size: 50)
            seen += try tail.value()
            while seen.count < appended.count {
                let events = try subscription.next(timeout: 10)
                if events.isEmpty { break }
                seen += events
            }

            #expect(seen.map(\.globalPosition) == Array(1...Int64(appended.count)), "no gap, no duplicate, in order")
            #expect(seen.map(\.eventID) == appended)
            #expect(subscription.checkpoint == Int64(appended.count))
            #expect(subscription.reconnects == cuts)
            #expect(try subscription.next(timeout: 0.3).isEmpty)
        }

        @Test("a projection catch-up cut inside its transaction keeps its checkpoint, and the next catch-up equals a replay")
        func projectionCatchUpResumes() throws {
            let database = try TestDatabase.migrated()
            try BuiltPrograms.require()
            // A real ledger: two writers' worth of trade commands through the command line code.
            let first = try RunningProcess(BuiltPrograms.load, ["--database", database.connectionString, "--writer", "1", "--commands", "80", "--portfolio", "cut"])
            defer { first.terminate() }
            #expect(first.wait(timeout: 120) == 0, "\(first.output.suffix(500))")
            let admin = try database.connect()
            defer { admin.close() }
            let earlier = try EventStore.connect(database.connectionString)
            let before = try Projector.catchUp(store: earlier)
            earlier.connection.close()
            let dumpBefore = try ProjectionSchema.orderedDump(admin)

            // Events the projections have not seen yet: the command line catches them up after
            // every command, so these marks go through the ledger's recorder directly.
            let writer = try EventStore.connect(database.connectionString)
            let recorder = LedgerRecorder(store: writer)
            for index in 0..<60 {
                var arguments = CommandArguments()
                arguments.set("--feed", "cut")
                arguments.set("--at", "2030-01-\(String(format: "%02d", index / 2 + 1))T\(index % 2 == 0 ? "15" : "20"):00:00Z")
                arguments.set("--spx", String(5000 + index))
                arguments.set("--vix", String(18 + index % 7))
                let command = try LedgerCommand.parse(name: "mark", arguments: arguments)
                try recorder.record(command, context: CommandContext(actor: "reliability", toolVersion: "test"))
            }
            writer.connection.close()
            let head = try admin.query("SELECT last_position FROM ledger_head").scalar(Int64.self)
            #expect(head > before.checkpoint)

            // Hold the checkpoint row so the catch-up stops inside its transaction, then cut its session.
            let blocker = try database.connect()
            defer { blocker.close() }
            try blocker.execute("BEGIN")
            _ = try blocker.query("SELECT checkpoint FROM alvh_projection.meta WHERE id = 1 FOR UPDATE")
            let name = "alvh-projector-\(UUID().uuidString.prefix(8).lowercased())"
            let cutStore = try EventStore.connect(try connectionString(database.connectionString, applicationName: name))
            let catchUp = Thread.detachNewThreadWithResult { try Projector.catchUp(store: cutStore) }
            let processes = ServerProcesses(admin: admin)
            #expect(try processes.waitFor(named: name, timeout: 4) { $0.waiting } != nil, "the catch-up waits for the checkpoint row")
            #expect(try processes.terminate(named: name) == 1)
            let failure = catchUp.error()
            #expect((failure as? PostgresError)?.isConnectionFailure == true, "the catch-up fails as a lost connection: \(String(describing: failure))")
            try blocker.execute("ROLLBACK")
            #expect(try admin.query("SELECT checkpoint FROM alvh_projection.meta").scalar(Int64.self) == before.checkpoint)
            #expect(try ProjectionSchema.orderedDump(admin) == dumpBefore, "nothing of the cut catch-up is visible")

            // A new session resumes from the checkpoint; the result is what a full replay gives.
            let resumed = try EventStore.connect(database.connectionString)
            defer { resumed.connection.close() }
            let outcome = try Projector.catchUp(store: resumed)
            #expect(outcome.checkpoint == head)
            #expect(outcome.events == Int(head - before.checkpoint), "it folds exactly the events after its checkpoint")
            let incremental = try ProjectionSchema.orderedDump(admin)
            try Projector(store: resumed).replay()
            #expect(try ProjectionSchema.orderedDump(admin) == incremental)
        }
    }
}
