import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

extension Reliability {
    /// Four writer processes record commands on the same condors at once while a subscriber tails the
    /// ledger: every acknowledged event is there exactly once, conflicts exit 3 and succeed when
    /// retried, and the subscriber saw every event once, in order.
    ///
    /// Commands per writer: `ALVH_LOAD_COMMANDS` (the figure is 2,500), default `defaultCommands`,
    /// sized for a shared 2-core CI machine running the debug build (about 20 ms of client CPU per
    /// command there, mostly the debug build's SHA-256 and argument parsing).
    @Suite("Concurrent load", .serialized)
    struct ConcurrentLoadTests {
        static let defaultCommands = 250
        static var commandsPerWriter: Int {
            ProcessInfo.processInfo.environment["ALVH_LOAD_COMMANDS"].flatMap(Int.init) ?? defaultCommands
        }

        @Test("4 writer processes on overlapping condors: nothing acknowledged lost or doubled, conflicts retried")
        func fourWriters() throws {
            try BuiltPrograms.require()
            let database = try TestDatabase.migrated()
            let admin = try database.connect()
            defer { admin.close() }
            let perWriter = Self.commandsPerWriter
            // The portfolio exists before the writers start: its creation is not what is raced here.
            try addPortfolio("desk", database.connectionString)
            let before = Set(try LedgerFacts.read(admin).events.map(\.eventID))

            let tail = Tail(connectionString: database.connectionString)
            let tailing = Thread.detachNewThreadWithResult { try tail.run() }

            let writers = try (1...4).map { writer in
                try RunningProcess(BuiltPrograms.load, ["--database", database.connectionString, "--writer", String(writer),
                                                      "--commands", String(perWriter), "--portfolio", "desk", "--condors", "4"])
            }
            defer { writers.forEach { $0.terminate() } }
            let statuses = writers.map { $0.wait(timeout: 900) }
            #expect(statuses == [0, 0, 0, 0], "every writer finished (nil: still running after the deadline)")
            let head = try admin.query("SELECT last_position FROM ledger_head").scalar(Int64.self)
            tail.stop(at: head)
            let delivered = try tailing.value(timeout: 120)

            let attempts = writers.flatMap { LoadLog.parse($0.output) }
            let facts = try LedgerFacts.read(admin)
            #expect(facts.isGapless)
            #expect(facts.events.count == Int(head))

            // Every command finished with success; every failed attempt was a conflict, retried.
            var commands: [String: [LoadAttempt]] = [:]
            for attempt in attempts { commands["\(attempt.writer)/\(attempt.index)", default: []].append(attempt) }
            #expect(commands.count == 4 * perWriter, "every command of every writer was attempted")
            let conflicts = attempts.filter { $0.status == 3 }
            for (key, tries) in commands {
                #expect(tries.last?.status == 0, "command \(key) ended in \(tries.map(\.status)): \(tries.last?.output ?? [])")
                #expect(tries.dropLast().allSatisfy { $0.status == 3 }, "command \(key): only conflicts are retried, got \(tries.map(\.status))")
                #expect(tries.map(\.attempt) == Array(1...tries.count))
                #expect(Set(tries.map(\.commandID)).count == 1, "a retry reuses the command id")
            }
            #expect(!conflicts.isEmpty, "overlapping writers must have conflicted at least once")
            for conflict in conflicts {
                #expect(conflict.message?.contains("expected version") == true && conflict.message?.contains("re-read and retry") == true,
                        "a conflict says so: \(conflict.output)")
            }

            // Every acknowledged event is in the ledger exactly once, at the position the command printed.
            let occurrences = facts.occurrences
            let positions = facts.positions
            let byCommand = facts.eventsByCommand
            var acknowledged = Set<UUID>()
            var sharedOpensReplayed = 0
            for attempt in attempts where attempt.status == 0 {
                let ids = attempt.eventIDs
                #expect(!ids.isEmpty, "a success prints its events: \(attempt.output)")
                #expect(ids.allSatisfy { occurrences[$0] == 1 })
                #expect(ids.map { positions[$0] ?? -1 } == attempt.positions)
                #expect(byCommand[attempt.commandID] == ids, "the command's events, no more, no fewer")
                acknowledged.formUnion(ids)
                if attempt.json?["alreadyRecorded"] as? Bool == true { sharedOpensReplayed += 1 }
            }
            let unacknowledged = Set(facts.events.map(\.eventID)).subtracting(acknowledged).subtracting(before)
            #expect(unacknowledged.isEmpty, "no event without an acknowledged command: \(unacknowledged.count) are")
            #expect(sharedOpensReplayed > 0, "opens of the same condor by several writers are idempotent")

            // The tailing subscriber saw every event once, in order.
            #expect(delivered.map(\.globalPosition) == facts.events.map(\.position))
            #expect(delivered.map(\.eventID) == facts.events.map(\.eventID))

            let verify = try runVerify(database.connectionString)
            #expect(verify.status == 0, "\(verify.output)")
            #expect(verify.output.hasPrefix("verified \(head) events"))
            print("concurrent load: \(4 * perWriter) commands, \(head) events, \(conflicts.count) conflicts retried, \(sharedOpensReplayed) idempotent opens")
        }
    }
}

/// A subscriber tailing the ledger on its own thread until told where the head ended.
final class Tail: @unchecked Sendable {
    let subscription: EventSubscription
    private let lock = NSLock()
    private var finalHead: Int64?

    init(connectionString: String) {
        subscription = EventSubscription(connectionString: connectionString, batchSize: 500, pollInterval: 0.5)
    }

    func stop(at head: Int64) {
        lock.lock()
        finalHead = head
        lock.unlock()
    }

    private var target: Int64? {
        lock.lock()
        defer { lock.unlock() }
        return finalHead
    }

    func run() throws -> [RecordedEvent] {
        defer { subscription.close() }
        var delivered: [RecordedEvent] = []
        while true {
            if let target = target, subscription.checkpoint >= target { return delivered }
            delivered += try subscription.next(timeout: 0.5)
        }
    }
}
