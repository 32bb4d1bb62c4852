import ArgumentParser
import EventStore
import Foundation
import PostgresClient

/// `alvh-bench load`: N `alvh-load` writer processes at once, each on streams of its own (its own
/// portfolio, condors and market feed), every command recorded as `alvh` records it (a session of
/// its own, the migration check, validation, one append, the projections' catch-up). Prints the
/// events recorded per second over the whole run and the latency percentiles of the commands.
/// `alvh-load` must be built beside `alvh-bench` (`swift build -c release --product alvh-load`).
struct LoadBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Writers on separate streams at once: events/s and command latency (p50, p99).")

    @Option(help: "Writer processes.") var writers = 4
    @Option(help: "Commands per writer.") var commands = 500
    @Option(help: ArgumentHelp("Server to create the bench database in (default: ALVH_BENCH_DATABASE_URL, DATABASE_URL, PG* variables).", valueName: "URL"))
    var database: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let bench = try BenchDatabase(server: database ?? environment["ALVH_BENCH_DATABASE_URL"] ?? environment["DATABASE_URL"] ?? "", keep: false,
                                      prefix: "alvh_bench_load")
        defer { bench.close() }
        let store = try EventStore.connect(bench.url)
        defer { store.connection.close() }
        try store.migrate()
        let program = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("alvh-load")
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw ValidationError("\(program.path) is missing: build it with `swift build -c release --product alvh-load`")
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
        let events = try store.headPosition()
        guard latencies.count == writers * commands else {
            throw ValidationError("\(latencies.count) of \(writers * commands) commands succeeded (\(failures) failed attempts)")
        }
        guard try store.verify().isIntact else { throw ValidationError("the ledger does not verify") }
        let sorted = Latencies(latencies)
        print("load_writers = \(writers) processes")
        print("load_events = \(events) events")
        print("load_events_per_s = \(format(Double(events) / elapsed, 0)) events/s")
        print("load_command_p50_ms = \(format(sorted.p50 * 1000, 2)) ms")
        print("load_command_p99_ms = \(format(sorted.p99 * 1000, 2)) ms")
        log("\(writers * commands) commands in \(format(elapsed, 1)) s; \(failures) failed attempts (conflicts)")
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
