import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

/// Collects values from several threads.
final class Collector<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value] = []
    func append(contentsOf values: [Value]) { lock.lock(); storage.append(contentsOf: values); lock.unlock() }
    var values: [Value] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// Runs `body` on a new thread; `wait()` joins it.
final class Worker: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var failure: Error?
    init(_ body: @escaping @Sendable () throws -> Void) {
        let thread = Thread { [self] in
            do { try body() } catch { failure = error }
            done.signal()
        }
        thread.start()
    }
    func wait() throws {
        done.wait()
        if let failure { throw failure }
    }
}

@Suite struct ConcurrencyTests {
    /// psql, for writers that are separate operating-system processes.
    static var psql: String? {
        let candidates = ["/usr/bin/psql"] + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .map { "/usr/lib/postgresql/\($0)/bin/psql" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Several writers at once (threads with their own sessions, and psql processes calling
    /// alvh_append), while a subscription tails the ledger: it sees every event exactly once, in
    /// position order 1, 2, 3 …, including those whose transactions committed late.
    @Test func concurrentWritersAndATailingReaderSeeEveryEventOnceInOrder() throws {
        let database = try TestDatabase.migrated()
        let url = database.connectionString
        let written = Collector<UUID>()
        let seen = Collector<RecordedEvent>()
        let writersDone = Collector<Bool>()

        let reader = Worker {
            let subscription = EventSubscription(connectionString: url, after: 0, batchSize: 50, pollInterval: 0.2)
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                seen.append(contentsOf: try subscription.next(timeout: 0.3))
                if !writersDone.values.isEmpty {
                    let head = try EventStore.connect(url).headPosition()
                    if Int64(seen.values.count) >= head { break }
                }
            }
        }

        let writers = (0..<4).map { writer in
            Worker {
                let store = try EventStore.connect(url)
                let shared = "market-shared"
                for round in 0..<60 {
                    let stream = "condor-w\(writer)-\(round)"
                    let events = (0...(round % 3)).map { _ in Fixture.event(data: #"{"writer": \#(writer), "round": \#(round)}"#) }
                    try store.append([
                        StreamAppend(streamID: stream, expected: .noStream, events: events),
                        StreamAppend(streamID: shared, expected: .any, events: [Fixture.event("MarketObserved")]),
                    ])
                    written.append(contentsOf: events.map(\.eventID))
                }
            }
        }

        var processes: [Process] = []
        if let psql = Self.psql {
            for process in 0..<3 {
                var script = ""
                for round in 0..<40 {
                    script += """
                        SELECT r_positions FROM alvh_append(ARRAY['condor-p\(process)-\(round)'], ARRAY[0::bigint], ARRAY[1, 1], ARRAY[gen_random_uuid(), gen_random_uuid()], ARRAY['CondorOpened', 'CondorRolled'], ARRAY[1, 1], ARRAY[1764057730123457, 1764057730123457], ARRAY['{"psql": true}'::jsonb, '{}'::jsonb], ARRAY['{}'::jsonb, '{}'::jsonb]);

                        """
                }
                let task = Process()
                task.executableURL = URL(fileURLWithPath: psql)
                task.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", script]
                task.standardOutput = FileHandle.nullDevice
                try task.run()
                processes.append(task)
            }
        }

        for writer in writers { try writer.wait() }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        writersDone.append(contentsOf: [true])
        try reader.wait()

        let store = try database.store()
        let head = try store.headPosition()
        let expectedCount = 4 * 60 * 2 + 4 * (20 * 1 + 20 * 2 + 20 * 3) - 4 * 60 + (Self.psql == nil ? 0 : 3 * 40 * 2)
        #expect(head == Int64(expectedCount))
        let events = seen.values
        #expect(events.map(\.globalPosition) == Array(1...head), "the reader saw every position once, in order")
        #expect(Set(events.map(\.eventID)).count == events.count)
        #expect(Set(written.values).isSubset(of: Set(events.map(\.eventID))))
        #expect(try store.verify().isIntact)
        let shared = try store.readStream("market-shared")
        #expect(shared.map(\.streamVersion) == Array(1...240))
    }

    /// The mechanism itself: a transaction that took the next positions but has not committed blocks
    /// the next writer, so no reader can see a later position before it.
    @Test func aLaterWriterWaitsForAnUncommittedEarlierOne() throws {
        let database = try TestDatabase.migrated()
        let url = database.connectionString
        let slow = try database.connect()
        try slow.execute("BEGIN")
        try slow.query("""
            SELECT * FROM alvh_append(ARRAY['condor-slow'], ARRAY[0::bigint], ARRAY[1], ARRAY[gen_random_uuid()], ARRAY['CondorOpened'],
                                      ARRAY[1], ARRAY[0::bigint], ARRAY['{}'::jsonb], ARRAY['{}'::jsonb])
            """)
        let fastResult = Collector<Int64>()
        let fast = Worker {
            let store = try EventStore.connect(url)
            fastResult.append(contentsOf: try store.append(to: "condor-fast", expected: .noStream, events: [Fixture.event()]).positions)
        }
        let reader = try database.store()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(fastResult.values.isEmpty, "the fast writer waits for the ledger head")
        #expect(try reader.readAll(after: 0, limit: 10).isEmpty, "nothing is visible before the slow commit")
        try slow.execute("COMMIT")
        try fast.wait()
        #expect(fastResult.values == [2])
        #expect(try reader.readAll(after: 0, limit: 10).map(\.streamID) == ["condor-slow", "condor-fast"])
    }

    /// A stuck writer cannot freeze the ledger: the next append gives up after lock_timeout.
    @Test func aStuckWriterMakesOthersTimeOutNotHang() throws {
        let database = try TestDatabase.migrated()
        let stuck = try database.connect()
        try stuck.execute("BEGIN")
        try stuck.execute("SELECT * FROM ledger_head FOR UPDATE")
        let impatient = try PostgresConnection(connectionString: database.connectionString, configuration: PostgresConfiguration(lockTimeout: 1))
        let store = EventStore(connection: impatient)
        let started = Date()
        let error = try #require(throws: PostgresError.self) { try store.append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event()]) }
        #expect(error.code == .lockNotAvailable)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(impatient.transactionStatus == .idle)
        try stuck.execute("ROLLBACK")
    }

    @Test func aSubscriptionWakesOnNotifyAndRereadsAfterReconnect() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        try store.append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event(), Fixture.event()])
        let subscription = EventSubscription(connectionString: database.connectionString, after: 0, batchSize: 10, pollInterval: 30)
        #expect(try subscription.next(timeout: 1).map(\.globalPosition) == [1, 2])
        #expect(try subscription.next(timeout: 0.1).isEmpty)
        // Woken by NOTIFY well before the 30 s poll interval.
        let writer = Worker {
            Thread.sleep(forTimeInterval: 0.3)
            try EventStore.connect(database.connectionString).append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event()])
        }
        let started = Date()
        #expect(try subscription.next(timeout: 10).map(\.globalPosition) == [3])
        #expect(Date().timeIntervalSince(started) < 5)
        try writer.wait()
        // The server ends the subscription's session; events appended meanwhile are still delivered.
        try store.connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        try store.append(to: Fixture.condor(), expected: .noStream, events: [Fixture.event(), Fixture.event()])
        #expect(try subscription.next(timeout: 10).map(\.globalPosition) == [4, 5])
        #expect(subscription.reconnects == 1)
        #expect(subscription.checkpoint == 5)
    }
}
