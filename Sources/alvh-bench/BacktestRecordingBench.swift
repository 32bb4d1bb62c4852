import ArgumentParser
import EventStore
import Finance
import Foundation
import PostgresClient
import Projections
import Strategy

/// `alvh-bench backtest-recording`: the real-history backtest of `alvh backtest` (ALVH policy, default schedule)
/// timed without a store (deciding only: pricing, advisor, the ledger's commands in memory) and into
/// a fresh PostgreSQL database (the same plus writing, each batch written on the ledger's writer thread
/// while the next is decided), so the report can say how much of the time is computing and how much
/// writing; CPU seconds of the process, its deciding thread and the server backend say the same where
/// load distorts wall time; then the projections' catch-up over what it recorded.
struct BacktestRecordingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest-recording",
        abstract: "The 16-year real-history backtest: seconds in memory and into PostgreSQL, recorded events/s.")

    @Option(help: ArgumentHelp("Folder with spx_daily.csv, vix_daily.csv, vix3m_daily.csv, vix9d_daily.csv and us_macro_events.csv.", valueName: "DIR"))
    var data = "../shared/data"
    @Option(help: "First recorded session (YYYY-MM-DD); the 60 sessions before it warm the signals up.") var from = "2010-01-01"
    @Option(help: "Last session (YYYY-MM-DD).") var to = "2026-07-01"
    @Option(help: "Runs of each kind; the median is printed.") var runs = 3
    @Option(help: ArgumentHelp("Server to create the bench databases in (default: ALVH_BENCH_DATABASE_URL, DATABASE_URL, PG* variables).", valueName: "URL"))
    var database: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let server = database ?? environment["ALVH_BENCH_DATABASE_URL"] ?? environment["DATABASE_URL"] ?? ""
        let input = try BacktestInput(folder: data, from: from, to: to)
        let parameters = BacktestParameters(portfolio: "bench", policy: .alvh)
        var computing: [RunCost] = []
        var recording: [RunCost] = []
        var waiting: [RunCost] = []
        var catchingUp: [Double] = []
        var events = 0
        for run in 0..<max(1, runs) {
            var inMemory: BacktestResult?
            computing.append(try RunCost.measure(backend: nil) { inMemory = try input.run(parameters, ledger: BacktestLedger(store: nil)) })
            guard let inMemory else { continue }
            // The baseline first: each batch waited for, as before the writer's thread.
            waiting.append(try record(input, parameters, server: server, commit: .atFlushWaiting, expecting: inMemory, run: run).cost)
            let (cost, catchUp) = try record(input, parameters, server: server, commit: .atFlush, expecting: inMemory, run: run)
            recording.append(cost)
            catchingUp.append(catchUp)
            events = inMemory.eventsRecorded
            log("run \(run + 1): \(inMemory.sessions) sessions, \(events) events; in memory \(format(computing.last!.wall, 2)) s, into PostgreSQL \(format(cost.wall, 2)) s (each batch waited for: \(format(waiting.last!.wall, 2)) s)")
        }
        report(events: events, computing: computing, recording: recording, waiting: waiting, catchUp: Latencies(catchingUp).p50)
    }

    /// One recorded run into a fresh database, checked against the run in memory (same events, all
    /// written, the chain verifies); then the projections' catch-up timed.
    private func record(_ input: BacktestInput, _ parameters: BacktestParameters, server: String, commit: BacktestLedger.Commit,
                        expecting inMemory: BacktestResult, run: Int) throws -> (cost: RunCost, catchUp: Double) {
        let bench = try BenchDatabase(server: server, keep: false, prefix: "alvh_bench_backtest")
        defer { bench.close() }
        let store = try EventStore.connect(bench.url)
        defer { store.connection.close() }
        try store.migrate()
        let backend = try store.connection.query("SELECT pg_backend_pid()").scalar(Int32.self)
        var recorded: BacktestResult?
        let cost = try RunCost.measure(backend: backend) { recorded = try input.run(parameters, ledger: BacktestLedger(store: store, commit: commit)) }
        let catchUp = try seconds { try Projector.catchUp(store: store) }
        guard let recorded, recorded.eventsWritten == recorded.eventsRecorded,
              recorded.eventsRecorded == inMemory.eventsRecorded, Int64(recorded.eventsWritten) == (try store.headPosition()) else {
            throw ValidationError("run \(run) (\(commit)): the recorded backtest does not match the one in memory")
        }
        guard try store.verify().isIntact else { throw ValidationError("run \(run) (\(commit)): the recorded ledger does not verify") }
        return (cost, catchUp)
    }

    private func report(events: Int, computing: [RunCost], recording: [RunCost], waiting: [RunCost], catchUp: Double) {
        func median(_ runs: [RunCost], _ value: (RunCost) -> Double?) -> Double? {
            let values = runs.compactMap(value)
            return values.isEmpty ? nil : Latencies(values).p50
        }
        let compute = median(computing, \.wall)!, record = median(recording, \.wall)!
        print("backtest_events = \(events) events")
        print("backtest_in_memory_s = \(format(compute, 2)) s")
        print("backtest_recorded_s = \(format(record, 2)) s")
        print("backtest_writing_s = \(format(max(0, record - compute), 2)) s")
        print("backtest_recorded_events_per_s = \(format(Double(events) / record, 0)) events/s")
        print("backtest_in_memory_cpu_s = \(format(median(computing, \.process)!, 2)) s")
        print("backtest_recorded_cpu_s = \(format(median(recording, \.process)!, 2)) s")
        print("backtest_recorded_deciding_cpu_s = \(format(median(recording, \.thread)!, 2)) s")
        if let server = median(recording, \.server) { print("backtest_recorded_server_cpu_s = \(format(server, 2)) s") }
        let wait = median(waiting, \.wall)!
        print("backtest_recorded_waiting_s = \(format(wait, 2)) s")
        print("backtest_recorded_waiting_cpu_s = \(format(median(waiting, \.process)!, 2)) s")
        print("backtest_recorded_vs_waiting_ratio = \(format(Latencies(zip(recording, waiting).map { $0.wall / $1.wall }).p50, 2))")
        print("backtest_catchup_s = \(format(catchUp, 2)) s")
    }
}

/// What one backtest run cost: wall seconds; CPU seconds of the whole process (the deciding thread and
/// the writer's), of the calling (deciding) thread, and of the server backend when it is local.
struct RunCost {
    var wall: Double
    var process: Double
    var thread: Double
    var server: Double?

    static func measure(backend: Int32?, _ body: () throws -> Void) throws -> RunCost {
        let process = ReplayBench.processCPUSeconds(), thread = BacktestBench.threadCPUSeconds()
        let server = backend.flatMap { BackendCPU.nanoseconds($0) }
        let wall = try seconds(body)
        let serverAfter = backend.flatMap { BackendCPU.nanoseconds($0) }
        return RunCost(wall: wall, process: ReplayBench.processCPUSeconds() - process, thread: BacktestBench.threadCPUSeconds() - thread,
                       server: server.flatMap { before in serverAfter.map { Double($0 - before) / 1e9 } })
    }
}

/// The market history of `alvh backtest --spx … --vix … --vix3m … --vix9d … --calendar … --from … --to …`
/// read from one folder, as that command prepares it (60 warm-up sessions before `from`).
struct BacktestInput {
    let days: [MarketDay]
    let from: CalendarDay
    let calendar: EventCalendar

    init(folder: String, from: String, to: String) throws {
        let base = URL(fileURLWithPath: folder)
        func closes(_ name: String) throws -> [CalendarDay: Double] {
            try DailyBarFile.closes(contentsOf: base.appendingPathComponent(name))
        }
        guard let first = CalendarDay(iso: from), let last = CalendarDay(iso: to) else { throw ValidationError("--from/--to: dates are YYYY-MM-DD") }
        let joined = DailyBarFile.join(spx: try closes("spx_daily.csv"), vix: try closes("vix_daily.csv"),
                                       vix3m: try closes("vix3m_daily.csv"), vix9d: try closes("vix9d_daily.csv")).filter { $0.date <= last }
        guard let start = joined.firstIndex(where: { $0.date >= first }) else { throw ValidationError("--from: no session in \(folder) on or after \(from)") }
        days = Array(joined[max(0, start - 60)...])
        self.from = first
        calendar = try EventCalendar(contentsOf: base.appendingPathComponent("us_macro_events.csv"))
    }

    func run(_ parameters: BacktestParameters, ledger: BacktestLedger) throws -> BacktestResult {
        try Backtest(parameters: parameters).run(days: days, from: from, calendar: calendar, ledger: ledger)
    }
}
