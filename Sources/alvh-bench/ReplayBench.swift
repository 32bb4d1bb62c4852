import ArgumentParser
import EventStore
import Foundation
import Ledger
import PostgresClient
import Projections

/// `alvh-bench replay`: builds a ledger of N events in a fresh database (or reuses one kept by an
/// earlier run), then prints the full replay rate with its phases and CPU seconds, the raw COPY-out
/// rate of the same columns, their ratio, and the median catch-up time after one recorded command
/// (100 runs, alternating a deferral and a mark).
struct ReplayBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Projection replay events/s, COPY-out rows/s, their ratio, and catch-up ms after one command.")

    @Option(help: "Events in the generated ledger.") var events: Int = 1_000_000
    @Option(help: ArgumentHelp("Admin connection URL; a database alvh_bench_… is created there and dropped at the end (default: ALVH_BENCH_DATABASE_URL, else DATABASE_URL).", valueName: "URL"))
    var database: String?
    @Option(help: "Seed of the generated ledger.") var seed: UInt64 = 42
    @Flag(help: "Keep the database afterwards (its name is printed as bench_database).") var keep = false
    @Option(help: ArgumentHelp("Reuse this existing bench database (kept by an earlier run with the same --events and --seed) instead of building a new one; it is kept.", valueName: "NAME"))
    var reuse: String?
    @Option(help: "Full replays to run; the median is printed.") var replays: Int = 1

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let admin = database ?? environment["ALVH_BENCH_DATABASE_URL"] ?? environment["DATABASE_URL"] else {
            throw ValidationError("--database: an admin URL is required (or ALVH_BENCH_DATABASE_URL / DATABASE_URL)")
        }
        guard events >= 1000 else { throw ValidationError("--events: must be at least 1000") }
        let name = reuse ?? "alvh_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let adminConnection = try PostgresConnection(connectionString: admin)
        if reuse == nil {
            try adminConnection.execute("CREATE DATABASE \(try adminConnection.quoteIdentifier(String(name))) TEMPLATE template0 ENCODING 'UTF8'")
        }
        let keepDatabase = keep || reuse != nil
        defer {
            if !keepDatabase { _ = try? adminConnection.execute("DROP DATABASE IF EXISTS \(try adminConnection.quoteIdentifier(String(name))) WITH (FORCE)") }
            adminConnection.close()
        }
        if keepDatabase { print("bench_database = \(name)") }
        let url = try ConnectionString.replacingDatabase(in: admin, with: String(name))
        let configuration = PostgresConfiguration(statementTimeout: 0, idleInTransactionSessionTimeout: 0)
        let store = EventStore(connection: try PostgresConnection(connectionString: url, configuration: configuration))
        try store.migrate()

        // Build: a day's events per append, several days per round trip would break the
        // one-stream-per-append rule, so each day is one atomic multi-stream append.
        // A reused database already holds the ledger; the catch-up commands below then pick their
        // condors from the replayed projection.
        // (A reused database already holds the events of this seed: the catch-up commands take
        // another one, or their event ids would repeat.)
        var ledger = BenchLedger(seed: reuse == nil ? seed : seed &+ UInt64(try store.headPosition()))
        try build(&ledger, into: store)
        let projector = try measureReplay(store)
        try measureCatchUp(ledger: &ledger, store: store, projector: projector)
    }

    /// Builds the ledger (unless reused) and prints its size and build time.
    private func build(_ ledger: inout BenchLedger, into store: EventStore) throws {
        let buildStart = Date()
        var pending: [StreamAppend] = []
        var pendingCount = 0
        while reuse == nil, ledger.count < events {
            let day = try ledger.nextDay()
            pending += day
            pendingCount += day.reduce(0) { $0 + $1.events.count }
            if pendingCount >= 4000 || ledger.count >= events {
                try appendMerged(pending, to: store)
                pending = []
                pendingCount = 0
            }
        }
        if !pending.isEmpty { try appendMerged(pending, to: store) }
        let total = try store.headPosition()
        if reuse == nil { try store.connection.execute("VACUUM ANALYZE events") }
        print("ledger_events = \(total) events")
        print("build_s = \(format(Date().timeIntervalSince(buildStart))) s")

    }

    /// Prints COPY-out and full-replay rates, their ratio, the replay's phases and CPU seconds.
    private func measureReplay(_ store: EventStore) throws -> Projector {
        // COPY out the columns a replay reads, in global order.
        var copyStart = Date()
        var rows = 0
        var bytes = 0
        rows = try store.connection.copyOut("COPY (SELECT global_position, stream_id, stream_version, event_id, type, schema_version, data, occurred_at FROM events ORDER BY global_position) TO STDOUT") { bytes += $0.count }
        let copySeconds = Date().timeIntervalSince(copyStart)
        copyStart = Date()

        // Full replay (the schema is installed first, outside the timing).
        let projector = Projector(store: store)
        try projector.prepare()
        var runs: [(seconds: Double, outcome: Projector.Outcome, cpu: (client: Double, server: Double?))] = []
        let backend = store.connection.backendPID
        for _ in 0..<max(1, replays) {
            let cpuStart = (client: Self.processCPUSeconds(), server: Self.backendCPUSeconds(backend))
            let replayStart = Date()
            let outcome = try projector.replay()
            let seconds = Date().timeIntervalSince(replayStart)
            let serverEnd = Self.backendCPUSeconds(backend)
            runs.append((seconds, outcome, (Self.processCPUSeconds() - cpuStart.client,
                                            serverEnd.flatMap { end in cpuStart.server.map { end - $0 } })))
        }
        runs.sort { $0.seconds < $1.seconds }
        let (replaySeconds, outcome, cpu) = runs[runs.count / 2]
        let replayRate = Double(outcome.events) / replaySeconds
        let copyRate = Double(rows) / copySeconds
        print("replay_s = \(format(replaySeconds)) s")
        print("replay_events_per_s = \(Int(replayRate)) events/s")
        print("copy_out_rows_per_s = \(Int(copyRate)) rows/s")
        print("replay_vs_copy_out_ratio = \(String(format: "%.3f", replayRate / copyRate))")
        print("projected_positions = \(outcome.owners) positions")
        for (phase, seconds) in outcome.phases.sorted(by: { $0.key < $1.key }) { print("replay_\(phase)_s = \(format(seconds)) s") }
        // CPU seconds of this process (every thread) and of its server backend (when the server runs
        // on this machine, read from /proc): on 2 cores, their sum over 2 bounds the replay time.
        print("replay_client_cpu_s = \(format(cpu.client)) s")
        if let server = cpu.server { print("replay_server_cpu_s = \(format(server)) s") }

        _ = bytes
        return projector
    }

    /// Prints the median and maximum catch-up time after one recorded command (100 runs).
    private func measureCatchUp(ledger: inout BenchLedger, store: EventStore, projector: Projector) throws {
        // Catch-up after one recorded command, 100 times.
        var timings: [Double] = []
        // After every event so far (a reused database holds the commands of earlier runs too).
        var clock = max(Date(timeIntervalSince1970: 4_102_444_800), try store.connection.query("SELECT max(occurred_at) FROM events").scalar(Date.self))
        let openCondors = reuse == nil ? nil : try store.connection.query("SELECT condor_id FROM alvh_projection.condors WHERE status = 'open' ORDER BY condor_id")
            .rows.map { try $0.decode(UUID.self, 0) }
        for index in 0..<100 {
            clock += 60
            try store.append([try ledger.oneCommand(index, at: clock, among: openCondors)])
            let start = Date()
            try projector.catchUp()
            timings.append(Date().timeIntervalSince(start) * 1000)
        }
        timings.sort()
        print("catchup_ms = \(String(format: "%.2f", (timings[49] + timings[50]) / 2)) ms")
        print("catchup_max_ms = \(String(format: "%.2f", timings.last!)) ms")
    }

    /// Appends several days at once: one StreamAppend per stream (events concatenated in order).
    private func appendMerged(_ appends: [StreamAppend], to store: EventStore) throws {
        var order: [String] = []
        var merged: [String: [NewEvent]] = [:]
        for append in appends {
            if merged[append.streamID] == nil { order.append(append.streamID) }
            merged[append.streamID, default: []] += append.events
        }
        try store.append(order.map { StreamAppend(streamID: $0, expected: .any, events: merged[$0]!) })
    }

    private func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }

    /// User + system CPU seconds of this process, all threads.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    /// User + system CPU seconds of a local server process (fields 14 and 15 of /proc/PID/stat, in
    /// clock ticks), or nil when it cannot be read (a remote server).
    static func backendCPUSeconds(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / (ticks > 0 ? ticks : 100)
    }
}
