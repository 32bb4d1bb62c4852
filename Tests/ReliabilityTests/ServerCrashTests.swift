import EventStore
import Foundation
import PostgresClient
import Projections
import Testing
import TestSupport

extension Reliability {
    /// PostgreSQL stopped with `pg_ctl stop -m immediate` while four writer processes record commands and
    /// a projector catches up: after the restart every command that printed success is in the ledger
    /// exactly once, the chain verifies, incremental projections equal a replay, and the commands in
    /// flight exited 4 with a clear message within the timeouts (connect 5 s, statement 60 s, lock 5 s,
    /// idle in transaction 30 s: `PostgresConfiguration`), never hanging.
    @Suite("Crash of the server", .serialized)
    struct ServerCrashTests {
        @Test("pg_ctl stop -m immediate under 4 writers: nothing acknowledged lost, in-flight commands exit 4")
        func immediateStopUnderLoad() throws {
            try BuiltPrograms.require()
            let cluster = try PrivateCluster()
            defer { cluster.destroy() }
            let url = cluster.connectionString
            try addPortfolio("crash", url)

            // A projector catching up incrementally, over and over, until the server goes away.
            let projecting = Thread.detachNewThreadWithResult { () -> Int in
                var rounds = 0
                while true {
                    do {
                        let store = try EventStore.connect(url)
                        defer { store.connection.close() }
                        if try Projector.catchUp(store: store).events > 0 { rounds += 1 }
                    } catch {
                        return rounds
                    }
                    usleep(20_000)
                }
            }
            let writers = try (1...4).map { writer in
                try RunningProcess(BuiltPrograms.load, ["--database", url, "--writer", String(writer), "--commands", "100000",
                                                      "--portfolio", "crash", "--condors", "3", "--stop-on-unavailable"])
            }
            defer { writers.forEach { $0.terminate() } }

            // Let them record a few hundred events, then cut the power.
            let watcher = try PostgresConnection(connectionString: url)
            let deadline = Date().addingTimeInterval(90)
            while try watcher.query("SELECT last_position FROM ledger_head").scalar(Int64.self) < 300, Date() < deadline {
                usleep(50_000)
            }
            watcher.close()
            #expect(writers.allSatisfy { $0.wait(timeout: 0) == nil }, "the writers were still recording when the server stopped")
            try cluster.stopImmediately()
            let stoppedAt = Date()

            // Every writer notices within the timeouts and stops with 4; none hangs.
            let statuses = writers.map { $0.wait(timeout: 30) }
            #expect(statuses == [4, 4, 4, 4], "each writer's in-flight command exited 4 (nil: still running 30 s after the stop)")
            #expect(Date().timeIntervalSince(stoppedAt) < 30)
            #expect(try projecting.value(timeout: 30) > 0, "the projector caught up incrementally before the crash")
            let firstRun = writers.map { LoadLog.parse($0.output) }
            for attempts in firstRun {
                let last = try #require(attempts.last)
                #expect(last.status == 4)
                #expect(last.message?.hasPrefix("alvh: database unavailable: ") == true, "a clear message: \(last.output)")
                #expect(attempts.dropLast().allSatisfy { $0.status == 0 || $0.status == 3 }, "\(attempts.filter { ![0, 3].contains($0.status) }.map(\.output))")
            }

            // A new command while the server is down fails fast with 4 too.
            let refused = try RunningProcess(BuiltPrograms.alvh, ["mark", "--database", url, "--at", "2026-06-01T20:00:00Z", "--spx", "5000", "--vix", "20"])
            defer { refused.terminate() }
            #expect(refused.wait(timeout: 20) == 4)
            #expect(refused.output.hasPrefix("alvh: database unavailable: "), "\(refused.output)")

            try cluster.restart()
            let admin = try PostgresConnection(connectionString: url)
            defer { admin.close() }
            var facts = try LedgerFacts.read(admin)
            #expect(facts.isGapless)
            let occurrences = facts.occurrences
            let positions = facts.positions
            let byCommand = facts.eventsByCommand
            var acknowledged = 0
            for attempt in firstRun.joined() where attempt.status == 0 {
                #expect(attempt.eventIDs.allSatisfy { occurrences[$0] == 1 }, "acknowledged events survive the crash exactly once")
                #expect(attempt.eventIDs.map { positions[$0] ?? -1 } == attempt.positions)
                #expect(byCommand[attempt.commandID] == attempt.eventIDs)
                acknowledged += 1
            }
            #expect(acknowledged >= 100)

            // Running every writer's commands again (same command ids) records nothing new for what was
            // acknowledged and completes what was in flight.
            let reruns = try firstRun.enumerated().map { offset, attempts in
                try RunningProcess(BuiltPrograms.load, ["--database", url, "--writer", String(offset + 1), "--commands", String((attempts.last?.index ?? 0) + 1),
                                                      "--portfolio", "crash", "--condors", "3"])
            }
            defer { reruns.forEach { $0.terminate() } }
            #expect(reruns.map { $0.wait(timeout: 300) } == [0, 0, 0, 0])
            for (first, rerun) in zip(firstRun, reruns.map { LoadLog.parse($0.output) }) {
                let finalAttempts = Dictionary(rerun.map { ($0.index, $0) }, uniquingKeysWith: { _, last in last })
                #expect(finalAttempts.values.allSatisfy { $0.status == 0 }, "\(rerun.filter { $0.status != 0 }.map(\.output))")
                for attempt in first where attempt.status == 0 {
                    let again = finalAttempts[attempt.index]
                    #expect(again?.json?["alreadyRecorded"] as? Bool == true, "command \(attempt.commandID) was acknowledged before the crash")
                    #expect(again?.eventIDs == attempt.eventIDs && again?.positions == attempt.positions)
                }
            }
            facts = try LedgerFacts.read(admin)
            #expect(facts.isGapless)
            let commandIDs = Set((firstRun.joined() + reruns.flatMap { LoadLog.parse($0.output) }).map(\.commandID))
            let strays = facts.events.filter { event in event.commandID.map { !commandIDs.contains($0) } ?? true }
            #expect(strays.count == 1, "only the portfolio's own event belongs to no writer command: \(strays.count)")

            let verify = try runVerify(url)
            #expect(verify.status == 0, "\(verify.output)")
            #expect(verify.output.hasPrefix("verified \(facts.events.count) events"))

            // The projection's checkpoint survived with its rows; catching up from it equals a replay.
            let store = try EventStore.connect(url)
            defer { store.connection.close() }
            let checkpoint = try Projector(store: store).checkpoint()
            #expect(checkpoint > 0 && checkpoint <= Int64(facts.events.count))
            let outcome = try Projector.catchUp(store: store)
            #expect(outcome.events == facts.events.count - Int(checkpoint))
            let incremental = try ProjectionSchema.orderedDump(store.connection)
            try Projector(store: store).replay()
            #expect(try ProjectionSchema.orderedDump(store.connection) == incremental)
        }
    }
}
