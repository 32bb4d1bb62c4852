import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

extension Reliability {
    /// `alvh import` killed with SIGKILL at different moments of a large multi-stream batch (thousands of
    /// condor streams in one append): each time the batch is all there or not at all, positions stay
    /// gapless, `alvh verify` passes, and importing the file again completes it.
    @Suite("Crash of a writer", .serialized)
    struct WriterCrashTests {
        static let condors = 800

        /// A CSV opening `condors` condors and deferring each once: 2 × `condors` events in one append.
        static func importFile(round: Int) throws -> URL {
            var lines = ["command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,fees,at,note,reason"]
            for index in 0..<condors {
                lines.append("condor open,\(UUID().uuidString.lowercased()),crash,SPX,2026-06-18,4000,4050,5500,5550,1,11.5,2.6,2026-01-02T15:00:00Z,round \(round) condor \(index),")
            }
            for index in 0..<condors {
                lines.append("condor defer,line:\(index + 2),,,,,,,,,,,2026-01-03T15:00:00Z,,round \(round) calm \(index)")
            }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-crash-import-\(UUID().uuidString).csv")
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
            return url
        }

        enum KillMoment: CustomStringConvertible {
            /// As soon as the importer's session exists (it is still reading and checking the file).
            case connected
            /// While its server process executes the append (`alvh_append`, COMMIT already pipelined).
            case appending
            /// After a fixed delay, wherever that falls.
            case after(Double)

            var description: String {
                switch self {
                case .connected: "after connecting"
                case .appending: "during alvh_append"
                case .after(let seconds): "after \(seconds) s"
                }
            }
        }

        @Test("SIGKILL during a large import leaves the batch all there or not at all")
        func killedImport() throws {
            try BuiltPrograms.require()
            let database = try TestDatabase.migrated()
            try addPortfolio("crash", database.connectionString)
            let admin = try database.connect()
            defer { admin.close() }
            let processes = ServerProcesses(admin: admin)
            let batch = 2 * Self.condors

            var files: [URL] = []
            defer { files.forEach { try? FileManager.default.removeItem(at: $0) } }
            // An import left alone, to time the kills that follow across its whole run.
            let reference = try Self.importFile(round: -1)
            files.append(reference)
            let started = Date()
            let uncut = try RunningProcess(BuiltPrograms.alvh, ["import", reference.path, "--database", database.connectionString])
            defer { uncut.terminate() }
            #expect(uncut.wait(timeout: 120) == 0, "\(uncut.output)")
            let duration = Date().timeIntervalSince(started)

            var outcomes: [String] = []
            let moments = [KillMoment.connected, .appending] + [0.5, 0.8, 0.95].map { KillMoment.after(($0 * duration * 100).rounded() / 100) }
            for (round, moment) in moments.enumerated() {
                let file = try Self.importFile(round: round)
                files.append(file)
                let before = try LedgerFacts.read(admin).events.count
                let name = "alvh-import-crash-\(round)-\(UUID().uuidString.prefix(6).lowercased())"
                let importer = try RunningProcess(BuiltPrograms.alvh, ["import", file.path, "--database", try connectionString(database.connectionString, applicationName: name)])
                defer { importer.terminate() }
                switch moment {
                case .connected:
                    #expect(try processes.waitFor(named: name, timeout: 30) { _ in true } != nil)
                case .appending:
                    #expect(try processes.waitFor(named: name, timeout: 60) { $0.state == "active" && $0.query.contains("alvh_append") } != nil,
                            "the append was seen running")
                case .after(let seconds):
                    usleep(UInt32(seconds * 1_000_000))
                }
                importer.kill(SIGKILL)
                let status = importer.wait(timeout: 10)
                #expect(status == 128 + SIGKILL || status == 0, "round \(round): killed (or already done), got \(String(describing: status))")
                // The server process of the killed client finishes (commits or rolls back) on its own.
                #expect(try processes.waitUntilGone(named: name, timeout: 30))

                let facts = try LedgerFacts.read(admin)
                let added = facts.events.count - before
                #expect(added == 0 || added == batch, "round \(round) (\(moment)): \(added) of \(batch) events visible")
                #expect(facts.isGapless)
                outcomes.append("\(moment): \(added == 0 ? "nothing" : added == batch ? "all" : "PARTIAL \(added)")")
                let verify = try runVerify(database.connectionString)
                #expect(verify.status == 0, "round \(round): \(verify.output)")
            }
            #expect(outcomes.first == "after connecting: nothing", "killed before its append, the import wrote nothing")
            print("killed imports: " + outcomes.joined(separator: "; "))

            // Importing each file again completes it: rows already there are recognised, the rest recorded.
            let start = try LedgerFacts.read(admin).events.count
            for file in files {
                let again = try RunningProcess(BuiltPrograms.alvh, ["import", file.path, "--database", database.connectionString])
                defer { again.terminate() }
                #expect(again.wait(timeout: 120) == 0, "\(again.output)")
            }
            let facts = try LedgerFacts.read(admin)
            #expect(facts.events.count == 1 + files.count * batch, "every file's batch exactly once (\(start) before the re-imports)")
            #expect(facts.occurrences.values.allSatisfy { $0 == 1 })
            #expect(facts.isGapless)
            let verify = try runVerify(database.connectionString)
            #expect(verify.status == 0, "\(verify.output)")
        }
    }
}
