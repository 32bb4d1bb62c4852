import ArgumentParser
import EventStore
import Finance
import Foundation
import PostgresClient
import Projections
import Strategy

/// `alvh-bench backtest-recording`: the real-history backtest of `alvh backtest` (ALVH policy, default schedule)
/// timed without a store (deciding only: pricing, advisor, the ledger's commands in memory) and into
/// a fresh PostgreSQL database (the same plus writing), so the report can say how much of the time is
/// computing and how much writing; then the projections' catch-up over what it recorded.
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
        var computing: [Double] = []
        var recording: [Double] = []
        var catchingUp: [Double] = []
        var events = 0
        for run in 0..<max(1, runs) {
            var inMemory: BacktestResult?
            computing.append(try seconds { inMemory = try input.run(parameters, ledger: BacktestLedger(store: nil)) })
            let bench = try BenchDatabase(server: server, keep: false, prefix: "alvh_bench_backtest")
            defer { bench.close() }
            let store = try EventStore.connect(bench.url)
            defer { store.connection.close() }
            try store.migrate()
            var recorded: BacktestResult?
            recording.append(try seconds { recorded = try input.run(parameters, ledger: BacktestLedger(store: store)) })
            catchingUp.append(try seconds { try Projector.catchUp(store: store) })
            guard let recorded, let inMemory, recorded.eventsWritten == recorded.eventsRecorded,
                  recorded.eventsRecorded == inMemory.eventsRecorded, Int64(recorded.eventsWritten) == (try store.headPosition()) else {
                throw ValidationError("run \(run): the recorded backtest does not match the one in memory")
            }
            guard try store.verify().isIntact else { throw ValidationError("run \(run): the recorded ledger does not verify") }
            events = recorded.eventsWritten
            log("run \(run + 1): \(recorded.sessions) sessions, \(events) events; in memory \(format(computing.last!, 2)) s, into PostgreSQL \(format(recording.last!, 2)) s")
        }
        let compute = Latencies(computing).p50, record = Latencies(recording).p50
        print("backtest_events = \(events) events")
        print("backtest_in_memory_s = \(format(compute, 2)) s")
        print("backtest_recorded_s = \(format(record, 2)) s")
        print("backtest_writing_s = \(format(max(0, record - compute), 2)) s")
        print("backtest_recorded_events_per_s = \(format(Double(events) / record, 0)) events/s")
        print("backtest_catchup_s = \(format(Latencies(catchingUp).p50, 2)) s")
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
