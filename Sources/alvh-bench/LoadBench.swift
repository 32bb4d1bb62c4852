import ArgumentParser
import EventStore
import Foundation
import PostgresClient

/// `alvh-bench load`: N `alvh-load` writer processes at once, each on streams of its own (its own
/// portfolio, condors and market feed), every command recorded as `alvh` records it (a session of
/// its own, the migration check, validation, one append, the projections' catch-up). Prints the
/// events recorded per second over the whole run and the latency percentiles of the commands, for
/// the current store functions (`after`) and with `alvh_append_one` as it was before
/// (`AppendOneBefore`, installed over the current one in that round's database: `before`), in
/// alternating rounds (before, after, before, …), each round on a fresh database of its own.
/// `alvh-load` must be built beside `alvh-bench` (`swift build -c release --product alvh-load`).
struct LoadBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Writers on separate streams at once: events/s and command latency (p50, p99), before and after.")

    @Option(help: "Writer processes.") var writers = 4
    @Option(help: "Commands per writer.") var commands = 500
    @Option(help: "Rounds of each of before and after, alternating.") var rounds = 1
    @Option(help: ArgumentHelp("Server to create the bench database in (default: ALVH_BENCH_DATABASE_URL, DATABASE_URL, PG* variables).", valueName: "URL"))
    var database: String?

    func validate() throws {
        guard writers >= 1, commands >= 1, rounds >= 1 else { throw ValidationError("--writers, --commands and --rounds must be at least 1") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let server = database ?? environment["ALVH_BENCH_DATABASE_URL"] ?? environment["DATABASE_URL"] ?? ""
        let program = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("alvh-load")
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw ValidationError("\(program.path) is missing: build it with `swift build -c release --product alvh-load`")
        }
        var before = LoadRound.Total()
        var after = LoadRound.Total()
        for round in 1...rounds {
            for previous in [true, false] {
                let figures = try LoadRound(server: server, program: program, writers: writers, commands: commands, previousAppend: previous).run()
                log("round \(round) \(previous ? "before" : "after"): \(figures.events) events in \(format(figures.seconds, 1)) s, "
                    + "p50 \(format(Latencies(figures.latencies).p50 * 1000, 1)) ms, p99 \(format(Latencies(figures.latencies).p99 * 1000, 1)) ms, "
                    + "\(figures.failures) failed attempts (conflicts)")
                if previous { before.add(figures) } else { after.add(figures) }
            }
        }
        print("load_writers = \(writers) processes")
        for (name, total) in [("before", before), ("after", after)] {
            let sorted = Latencies(total.latencies)
            print("load_events_\(name) = \(total.events) events")
            print("load_events_per_s_\(name) = \(format(Double(total.events) / total.seconds, 1)) events/s")
            print("load_command_p50_ms_\(name) = \(format(sorted.p50 * 1000, 2)) ms")
            print("load_command_p99_ms_\(name) = \(format(sorted.p99 * 1000, 2)) ms")
        }
    }
}

/// One round of `alvh-bench load`: a fresh database, migrated (and given the previous
/// `alvh_append_one` when asked), `writers` processes at once, the ledger verified at the end.
struct LoadRound {
    let server: String
    let program: URL
    let writers: Int
    let commands: Int
    let previousAppend: Bool

    struct Figures {
        var events: Int64
        var seconds: Double
        var latencies: [Double]
        var failures: Int
    }

    /// Rounds of one kind added up: events over the sum of their wall times, latencies pooled.
    struct Total {
        var events: Int64 = 0
        var seconds = 0.0
        var latencies: [Double] = []

        mutating func add(_ figures: Figures) {
            events += figures.events
            seconds += figures.seconds
            latencies += figures.latencies
        }
    }

    func run() throws -> Figures {
        let bench = try BenchDatabase(server: server, keep: false, prefix: "alvh_bench_load")
        defer { bench.close() }
        let store = try EventStore.connect(bench.url)
        defer { store.connection.close() }
        try store.migrate()
        if previousAppend {
            // Over the current definition; the recorded checksum is the current file's, so the
            // writers' migration checks leave it in place.
            try store.connection.executeScript(AppendOneBefore.sql(named: "alvh_append_one"))
        }
        var latencies: [Double] = []
        var failures = 0
        let elapsed = try seconds {
            let processes = try (1...writers).map { try WriterProcess(program: program, database: bench.url, writer: $0, commands: commands) }
            for process in processes {
                let timings = try process.finish()
                latencies += timings.filter { $0.status == 0 }.map(\.seconds)
                failures += timings.filter { $0.status != 0 }.count
            }
        }
        guard latencies.count == writers * commands else {
            throw ValidationError("\(latencies.count) of \(writers * commands) commands succeeded (\(failures) failed attempts)")
        }
        guard try store.verify().isIntact else { throw ValidationError("the ledger does not verify") }
        return Figures(events: try store.headPosition(), seconds: elapsed, latencies: latencies, failures: failures)
    }
}

/// One `alvh-load --timings` process, its log in a temporary file.
struct WriterProcess {
    struct Timing {
        var status: Int32
        var seconds: Double
    }

    let process = Process()
    let log: URL

    init(program: URL, database: String, writer: Int, commands: Int) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-bench-load-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = program
        process.arguments = ["--database", database, "--writer", String(writer), "--commands", String(commands),
                             "--portfolio", "load-\(writer)", "--timings"]
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Waits for the writer and returns its attempts' timings (`% writer index attempt status seconds`).
    func finish() throws -> [Timing] {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: log) }
        guard process.terminationStatus == 0 else { throw ValidationError("alvh-load exited \(process.terminationStatus): see \(log.path)") }
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 6, fields[0] == "%", let status = Int32(fields[4]), let seconds = Double(fields[5]) else { return nil }
            return Timing(status: status, seconds: seconds)
        }
    }
}
