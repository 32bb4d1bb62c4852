import EventStore
import Foundation
import Ledger
import PostgresClient
import Projections
import Testing
import TestSupport

extension Reliability {
    /// Losing the server (issue 20): a primary with a hot standby made by `pg_basebackup -R`, the
    /// primary killed with `pg_ctl stop -m immediate` under load and the standby promoted. With a
    /// synchronous standby and a URL naming both hosts, recording commands retry through the outage:
    /// none fails, every acknowledged command is on the new primary exactly once. Without one, the
    /// commands acknowledged while the standby was behind are lost — what `alvh db status` warns about.
    @Suite("Failover to a standby", .serialized)
    struct FailoverTests {
        static let writers = 3
        static let commandsPerWriter = 40

        @Test("synchronous standby promoted under 3 writers: no command fails, every acknowledged one there once")
        func synchronousFailoverUnderLoad() throws {
            try BuiltPrograms.require()
            let pair = try ReplicatedClusters()
            defer { pair.destroy() }
            try addPortfolio("failover", pair.primaryURL)
            try pair.makeSynchronous()
            try Self.statusShowsTheSynchronousPair(pair)
            try Self.committedAttemptComesBackAsAlreadyRecorded(pair)
            try Self.readsFromTheStandbyWithoutWriting(pair)
            let before = try pair.onPrimary { try LedgerFacts.read($0) }

            let writers = try (1...Self.writers).map { writer in
                try RunningProcess(BuiltPrograms.load, ["--database", pair.multiHostURL, "--writer", String(writer),
                                                      "--commands", String(Self.commandsPerWriter), "--portfolio", "failover", "--condors", "3"])
            }
            defer { writers.forEach { $0.terminate() } }
            try pair.onPrimary { watcher in
                try ReplicatedClusters.waitUntil("the writers recorded 30 events", timeout: 120) {
                    try watcher.query("SELECT last_position FROM ledger_head").scalar(Int64.self) >= Int64(before.events.count + 30)
                }
            }
            #expect(writers.allSatisfy { $0.wait(timeout: 0) == nil }, "the writers were still recording when the primary died")
            let started = Date()
            try pair.killPrimary()
            // Failing over takes a moment (noticing, deciding, promoting): every writer meets the outage.
            usleep(2_000_000)
            try pair.promoteStandby()
            let promotedAfter = Date().timeIntervalSince(started)

            #expect(writers.map { $0.wait(timeout: 240) } == Array(repeating: 0, count: Self.writers), "every writer finished")
            let logs = writers.map(\.output)
            let attempts = logs.flatMap(LoadLog.parse)
            let facts = try pair.onStandby { try LedgerFacts.read($0) }
            try Self.everyCommandSucceededOnce(attempts, facts: facts, before: before)
            // The writers still running at the kill lost the server and retried until the standby took over.
            let retried = logs.filter { $0.contains("; retrying for up to 30 s") }
            #expect(retried.count == Self.writers, "every writer lived through the outage by retrying")
            for log in retried {
                #expect(log.contains("alvh: reconnected to \(pair.standbySocket.path):"),
                        "…and found the promoted standby: \(log.split(separator: "\n").filter { $0.hasPrefix("alvh:") })")
            }
            let verify = try runVerify(pair.standbyURL)
            #expect(verify.status == 0, "\(verify.output)")
            #expect(verify.output.hasPrefix("verified \(facts.events.count) events"))
            print("failover: \(attempts.count) attempts, \(retried.count) of \(Self.writers) writers retried, \(facts.events.count) events, standby promoted \(String(format: "%.1f", promotedAfter)) s after the kill")
        }

        @Test("asynchronous standby: commands acknowledged while it was cut off are gone after the failover")
        func asynchronousFailoverLosesWhatWasNotReplicated() throws {
            try BuiltPrograms.require()
            let pair = try ReplicatedClusters()
            defer { pair.destroy() }
            try addPortfolio("kept", pair.primaryURL)
            let status = try Self.status(pair.primaryURL)
            let standbys = status?["standbys"] as? [[String: Any]]
            #expect(standbys?.first?["syncState"] as? String == "async")
            #expect((status?["warning"] as? String)?.hasPrefix("no synchronous standby: ") == true, "db status warns: \(String(describing: status))")

            let kept = try RunningProcess(BuiltPrograms.load, ["--database", pair.primaryURL, "--writer", "1", "--commands", "10", "--portfolio", "kept", "--condors", "2"])
            defer { kept.terminate() }
            #expect(kept.wait(timeout: 120) == 0)
            try pair.waitUntilReplayed()
            let replicated = try pair.onPrimary { try LedgerFacts.read($0) }

            // The standby falls behind (here: cut off), and the primary keeps acknowledging commands.
            try pair.disconnectStandby()
            let cutOff = try RunningProcess(BuiltPrograms.load, ["--database", pair.primaryURL, "--writer", "2", "--commands", "10", "--portfolio", "cut-off", "--condors", "2"])
            defer { cutOff.terminate() }
            #expect(cutOff.wait(timeout: 120) == 0)
            let acknowledged = LoadLog.parse(cutOff.output).filter { $0.status == 0 }
            #expect(acknowledged.count == 10, "every command of the cut-off writer was acknowledged")

            try pair.killPrimary()
            try pair.promoteStandby()
            let survived = try pair.onStandby { try LedgerFacts.read($0) }
            #expect(survived.events.map(\.eventID) == replicated.events.map(\.eventID), "the new primary holds exactly what was replicated")
            let lost = acknowledged.flatMap(\.eventIDs)
            #expect(!lost.isEmpty && lost.allSatisfy { survived.occurrences[$0] == nil },
                    "all \(lost.count) events of the \(acknowledged.count) commands acknowledged after the cut are lost")
            let verify = try runVerify(pair.standbyURL)
            #expect(verify.status == 0, "what survived is a consistent, verifiable ledger: \(verify.output)")
            print("async failover: \(acknowledged.count) acknowledged commands (\(lost.count) events) lost, \(survived.events.count) events kept")
        }

        @Test("one server restarted: --retry-for rides it out; a short budget gives up with 4; bad input is not retried")
        func retryRidesOutARestart() throws {
            try BuiltPrograms.require()
            let cluster = try PrivateCluster()
            defer { cluster.destroy() }
            let url = cluster.connectionString
            try addPortfolio("restart", url)
            try cluster.stopImmediately()
            let mark = ["mark", "--feed", "restart", "--spx", "5000", "--vix", "20", "--database", url]

            let quick = try RunningProcess(BuiltPrograms.alvh, mark + ["--at", "2026-05-01T20:00:00Z", "--retry-for", "1s"])
            defer { quick.terminate() }
            #expect(quick.wait(timeout: 30) == 4)
            #expect(quick.output.contains("alvh: database unavailable: ") && quick.output.contains("(gave up after "), "\(quick.output)")

            let patient = try RunningProcess(BuiltPrograms.alvh, mark + ["--at", "2026-05-02T20:00:00Z", "--retry-for", "60s", "--json"])
            defer { patient.terminate() }
            usleep(1_500_000)
            #expect(patient.wait(timeout: 0) == nil, "still retrying while the server is down")
            try cluster.restart()
            #expect(patient.wait(timeout: 60) == 0, "\(patient.output)")
            let output = patient.output
            #expect(output.contains("; retrying for up to 60 s") && output.contains("alvh: reconnected to "), "\(output)")
            let json = try #require(LoadAttempt(writer: 0, index: 0, attempt: 1, commandID: UUID(), status: 0,
                                                output: output.split(separator: "\n").map(String.init)).json)
            #expect(json["alreadyRecorded"] as? Bool == false)

            // Bad input is final at once, however long retrying may last.
            let started = Date()
            let bad = try RunningProcess(BuiltPrograms.alvh, ["condor", "defer", UUID().uuidString.lowercased(), "--reason", "x",
                                                              "--database", url, "--retry-for", "60s"])
            defer { bad.terminate() }
            #expect(bad.wait(timeout: 30) == 2)
            #expect(!bad.output.contains("retrying") && Date().timeIntervalSince(started) < 20, "\(bad.output)")
            let facts = try PostgresConnection(connectionString: url).query("SELECT count(*)::int8 FROM events").scalar(Int64.self)
            #expect(facts == 3, "the portfolio, the one mark that went through and the feed's default market model recorded with it")
        }
    }
}

extension Reliability.FailoverTests {
    /// `alvh db status --json` of `url`: its `replication` object.
    static func status(_ url: String) throws -> [String: Any]? {
        let status = try RunningProcess(BuiltPrograms.alvh, ["db", "status", "--json", "--database", url])
        defer { status.terminate() }
        #expect(status.wait(timeout: 30) == 0, "\(status.output)")
        let line = status.output.split(separator: "\n").first { $0.hasPrefix("{") }.map(String.init) ?? "{}"
        return (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["replication"] as? [String: Any]
    }

    /// The primary lists its synchronous standby and does not warn; the standby says whom it streams from.
    static func statusShowsTheSynchronousPair(_ pair: ReplicatedClusters) throws {
        let primary = try status(pair.primaryURL)
        #expect(primary?["role"] as? String == "primary")
        let standbys = primary?["standbys"] as? [[String: Any]] ?? []
        #expect(standbys.count == 1 && standbys.first?["syncState"] as? String == "sync" && standbys.first?["state"] as? String == "streaming")
        #expect(primary?["warning"] == nil, "a synchronous standby: nothing acknowledged can be lost")
        let standby = try status(pair.standbyURL)
        #expect(standby?["role"] as? String == "standby")
        #expect(standby?["receiverStatus"] as? String == "streaming")
        #expect((standby?["upstream"] as? String)?.hasPrefix(pair.primarySocket.path) == true, "\(String(describing: standby))")
    }

    /// A command whose append committed on the primary but whose session was cut while it waited for
    /// the synchronous standby (no `--command-id`: the runner fixed one before the first attempt)
    /// retries and comes back as already recorded: one event, not two.
    static func committedAttemptComesBackAsAlreadyRecorded(_ pair: ReplicatedClusters) throws {
        try pair.disconnectStandby()
        let mark = try RunningProcess(BuiltPrograms.alvh, ["mark", "--json", "--feed", "sync", "--at", "2026-02-02T21:00:00Z",
                                                           "--spx", "5000", "--vix", "18", "--database", pair.multiHostURL])
        defer { mark.terminate() }
        try pair.onPrimary { admin in
            var waiting: [Int32] = []
            try ReplicatedClusters.waitUntil("the mark waits for the standby") {
                waiting = try admin.query("SELECT pid FROM pg_stat_activity WHERE wait_event = 'SyncRep'").rows.map { try $0.decode(Int32.self, 0) }
                return !waiting.isEmpty
            }
            for pid in waiting { try admin.execute("SELECT pg_terminate_backend($1)", [pid]) }
        }
        try pair.reconnectStandby()
        #expect(mark.wait(timeout: 60) == 0, "\(mark.output)")
        let attempt = LoadAttempt(writer: 0, index: 0, attempt: 1, commandID: UUID(), status: 0, output: mark.output.split(separator: "\n").map(String.init))
        #expect(attempt.json?["alreadyRecorded"] as? Bool == true, "the retry found its own committed event: \(mark.output)")
        #expect(mark.output.contains("; retrying for up to 30 s"))
        let occurrences = try pair.onPrimary { try LedgerFacts.read($0).occurrences }
        // One mark records one event, or two on a feed's first mark (the default MarketModelSet comes with it).
        #expect((1...2).contains(attempt.eventIDs.count) && attempt.eventIDs.allSatisfy { occurrences[$0] == 1 },
                "each event of the retried mark is there exactly once: \(attempt.eventIDs)")
        try pair.makeSynchronous()
    }

    /// Reviews with `--read-from standby` read the replicated ledger and projections without writing
    /// (the projections are one event behind here) and say so; recording commands refuse the flag.
    static func readsFromTheStandbyWithoutWriting(_ pair: ReplicatedClusters) throws {
        let store = try EventStore.connect(pair.primaryURL)
        try LedgerRecorder(store: store).record("portfolio add", CommandArguments(positional: "not-projected"),
                                                context: CommandContext(actor: "test", toolVersion: "test"))
        let head = try store.headPosition()
        store.connection.close()
        try pair.waitUntilReplayed()

        let positions = try RunningProcess(BuiltPrograms.alvh, ["positions", "--all", "--json", "--read-from", "standby", "--database", pair.multiHostURL])
        defer { positions.terminate() }
        #expect(positions.wait(timeout: 60) == 0, "\(positions.output)")
        let lines = positions.output.split(separator: "\n").map(String.init)
        let notice = lines.filter { $0.hasPrefix("alvh: reading from a standby (\(pair.standbySocket.path):") }
        #expect(notice.count == 1 && notice[0].contains("replay lag") && notice[0].contains("ledger at position \(head), projections at \(head - 1)"),
                "\(positions.output)")
        let json = lines.first { $0.hasPrefix("{") }.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let standby = json?["standby"] as? [String: Any]
        #expect((standby?["ledger_head"] as? NSNumber)?.int64Value == head)
        #expect((standby?["projection_checkpoint"] as? NSNumber)?.int64Value == head - 1)
        #expect(standby?["replay_lag_seconds"] is NSNumber)

        // Every other command that only reads works on the standby too (a write there would fail, exit 4).
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-standby-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        // The URL's own target_session_attrs=prefer-standby does the same as --read-from standby.
        let preferStandby = pair.multiHostURL.replacingOccurrences(of: "target_session_attrs=read-write", with: "target_session_attrs=prefer-standby")
        for command in [["summary"], ["irr"], ["decisions"], ["hedges", "--all"], ["events"], ["verify"], ["export", "-"], ["report", "--html", report.path]] {
            let run = try RunningProcess(BuiltPrograms.alvh, command + (command == ["verify"] ? ["--database", preferStandby]
                                                                                             : ["--read-from", "standby", "--database", pair.multiHostURL]))
            defer { run.terminate() }
            #expect(run.wait(timeout: 60) == 0, "\(command): \(run.output)")
            #expect(run.output.contains("alvh: reading from a standby"), "\(command): \(run.output)")
        }

        let refused = try RunningProcess(BuiltPrograms.alvh, ["mark", "--read-from", "standby", "--at", "2026-02-03T21:00:00Z", "--spx", "1",
                                                              "--vix", "1", "--database", pair.multiHostURL])
        defer { refused.terminate() }
        #expect(refused.wait(timeout: 30) == 2)
        #expect(refused.output.hasPrefix("alvh: --read-from: standby is only for commands that read"), "\(refused.output)")
        #expect(try pair.onPrimary { try Projector.catchUp(store: EventStore(connection: $0)).events } == 1, "the standby read wrote nothing")
    }

    /// Every command ended in success after conflicts (exit 3) at most, and every success is in the
    /// ledger exactly once at the positions it printed; nothing else was written.
    static func everyCommandSucceededOnce(_ attempts: [LoadAttempt], facts: LedgerFacts, before: LedgerFacts) throws {
        #expect(facts.isGapless)
        var commands: [String: [LoadAttempt]] = [:]
        for attempt in attempts { commands["\(attempt.writer)/\(attempt.index)", default: []].append(attempt) }
        #expect(commands.count == writers * commandsPerWriter, "every command was attempted")
        for (key, tries) in commands {
            #expect(tries.last?.status == 0, "command \(key) ended in \(tries.map(\.status)): \(tries.last?.output ?? [])")
            #expect(tries.dropLast().allSatisfy { $0.status == 3 }, "command \(key): no failure but conflicts, got \(tries.map(\.status))")
        }
        let occurrences = facts.occurrences
        let positions = facts.positions
        let byCommand = facts.eventsByCommand
        var acknowledged = Set(before.events.map(\.eventID))
        for attempt in attempts where attempt.status == 0 {
            #expect(!attempt.eventIDs.isEmpty && attempt.eventIDs.allSatisfy { occurrences[$0] == 1 }, "\(attempt.output)")
            #expect(attempt.eventIDs.map { positions[$0] ?? -1 } == attempt.positions)
            #expect(byCommand[attempt.commandID] == attempt.eventIDs)
            acknowledged.formUnion(attempt.eventIDs)
        }
        #expect(Set(facts.events.map(\.eventID)) == acknowledged, "no event without an acknowledged command")
    }
}
