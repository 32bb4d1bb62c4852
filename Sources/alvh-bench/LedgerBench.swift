import ArgumentParser
import EventStore
import Foundation
import Ledger
import PostgresClient

/// `alvh-bench ledger`: the trading domain's cost per command, in memory (parse, validate against
/// the folded stream state, encode, append), printed as `name = value unit`. A fixed seeded session
/// of valid commands is generated first; only its replay is timed.
struct LedgerBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Commands/s through parse + decide + in-memory append; with --database, recorded commands/s and p50 latency against PostgreSQL.")

    @Option(help: "Commands in the generated session.")
    var commands: Int = 3000

    @Option(help: "Measurements per figure (the best is printed).")
    var repeats: Int = 3

    @Option(help: ArgumentHelp("Also record the session's first --recorded commands through PostgreSQL, in a database created in this server and dropped afterwards.", valueName: "URL"))
    var database: String?

    @Option(help: "Commands recorded through PostgreSQL (with --database).")
    var recorded: Int = 500

    func run() throws {
        let start = Date(timeIntervalSince1970: 1_772_463_600)
        let generator = InMemoryLedger()
        var session = RandomTradingSession(seed: 7, start: start)
        var steps: [RandomTradingSession.Step] = []
        for index in 0..<commands {
            let step = try session.next(reading: generator)
            let context = CommandContext(commandID: step.commandID ?? EventIdentity.commandID(content: "bench/\(index)"), actor: "bench", toolVersion: "bench", now: start)
            let decision = try LedgerDecider(reader: generator, context: context)
                .decide(try LedgerCommand.parse(name: step.name, arguments: CommandArguments(tokens: step.tokens)))
            try generator.append(decision.appends)
            steps.append(step)
        }

        var best = Duration.seconds(1_000_000)
        for _ in 0..<max(repeats, 1) {
            let ledger = InMemoryLedger()
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                for (index, step) in steps.enumerated() {
                    let context = CommandContext(commandID: step.commandID ?? EventIdentity.commandID(content: "bench/\(index)"), actor: "bench", toolVersion: "bench", now: start)
                    let decision = try LedgerDecider(reader: ledger, context: context)
                        .decide(try LedgerCommand.parse(name: step.name, arguments: CommandArguments(tokens: step.tokens)))
                    try ledger.append(decision.appends)
                }
            }
            best = min(best, elapsed)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print("ledger_commands_per_s = \(Int(Double(steps.count) / seconds)) commands/s")
        print("ledger_command_us = \(String(format: "%.1f", seconds / Double(steps.count) * 1e6)) us")
        print("ledger_events = \(generator.appended.count) count")

        if let database {
            try recordThroughPostgres(steps: Array(steps.prefix(recorded)), server: database, start: start)
        }
    }

    /// Each command as `alvh` runs it: read the streams concerned, fold, validate, append (one
    /// transaction), on one connection to a fresh database.
    func recordThroughPostgres(steps: [RandomTradingSession.Step], server: String, start: Date) throws {
        let name = "alvh_bench_ledger_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try PostgresConnection(connectionString: server)
        try admin.execute("CREATE DATABASE \(try admin.quoteIdentifier(name)) TEMPLATE template0 ENCODING 'UTF8'")
        defer {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(try admin.quoteIdentifier(name)) WITH (FORCE)")
            admin.close()
        }
        let store = try EventStore.connect(try ConnectionString.replacingDatabase(in: server, with: name))
        defer { store.connection.close() }
        try store.migrate()
        let recorder = LedgerRecorder(store: store)
        let clock = ContinuousClock()
        var latencies: [Double] = []
        for (index, step) in steps.enumerated() {
            let context = CommandContext(commandID: step.commandID ?? EventIdentity.commandID(content: "bench/\(index)"), actor: "bench", toolVersion: "bench", now: start)
            let command = try LedgerCommand.parse(name: step.name, arguments: CommandArguments(tokens: step.tokens))
            let elapsed = try clock.measure { _ = try recorder.record(command, context: context) }
            latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let total = latencies.reduce(0, +)
        let sorted = latencies.sorted()
        print("ledger_recorded_commands_per_s = \(Int(Double(steps.count) / total)) commands/s")
        print("ledger_record_p50_ms = \(String(format: "%.3f", sorted[sorted.count / 2] * 1000)) ms")
        print("ledger_record_p99_ms = \(String(format: "%.3f", sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 1000)) ms")
    }
}
