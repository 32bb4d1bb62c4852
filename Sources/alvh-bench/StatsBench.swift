import ArgumentParser
import EventStore
import Foundation
import Ledger
import PostgresClient
import Projections

/// `alvh-bench stats`: what `alvh stats` costs for one portfolio of an existing ledger (make one
/// with `alvh backtest` on ../shared/data), printed as `name = value unit`, medians of --runs:
/// loading the projection rows (the baseline every review command pays), loading the portfolio's
/// facts, the daily series, the statistics (whole range and per year), their sum and its ratio to
/// the baseline; and the in-memory path issue 18 uses (the series from the ledger's events in
/// global order, as a backtest's `InMemoryLedger` holds them).
struct StatsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "alvh stats for one portfolio of an existing ledger: load, series, statistics (ms), and the in-memory series.")

    @Option(help: ArgumentHelp("The ledger's URL (default: DATABASE_URL); its projections must be caught up (run alvh project).", valueName: "URL"))
    var database: String?
    @Option(help: "The portfolio.") var portfolio: String
    @Option(help: "Measurements per figure (the median is printed).") var runs: Int = 5

    static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<max(runs, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }

    func run() throws {
        guard let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] else {
            throw ValidationError("--database: a URL is required (or DATABASE_URL)")
        }
        let connection = try PostgresConnection(connectionString: url)
        defer { connection.close() }
        var book = try ProjectionBook.load(connection)
        guard book.portfolios.contains(portfolio) else { throw ValidationError("--portfolio: no portfolio '\(portfolio)' in that ledger") }
        var facts = try PerformanceLoader(connection: connection).facts(portfolio: portfolio, book: book)
        var series = PerformanceSeries.recorded(facts)
        let baseline = try Self.median(runs) { book = try ProjectionBook.load(connection) }
        let load = try Self.median(runs) { facts = try PerformanceLoader(connection: connection).facts(portfolio: portfolio, book: book) }
        let build = Self.median(runs) { series = PerformanceSeries.recorded(facts) }
        var years = 0
        let statistics = Self.median(runs) {
            _ = PerformanceStatistics.compute(series)
            years = PerformanceStatistics.byYear(series).count
        }
        print("stats_sessions = \(series.sessions.count)")
        print("stats_condors = \(facts.condorStreams.count)")
        print("stats_layers = \(facts.layerStreams.count)")
        print("stats_marks = \(facts.marks.count)")
        print("stats_years = \(years)")
        print(String(format: "stats_baseline_book_load = %.1f ms", baseline))
        print(String(format: "stats_load_facts = %.1f ms", load))
        print(String(format: "stats_series = %.1f ms", build))
        print(String(format: "stats_statistics = %.1f ms", statistics))
        print(String(format: "stats_total = %.1f ms", baseline + load + build + statistics))
        print(String(format: "stats_total_over_book_load = %.2f", (baseline + load + build + statistics) / baseline))
        try inMemory(connection)
    }

    /// The series from every event of the ledger in global order, as a backtest holds them.
    func inMemory(_ connection: PostgresConnection) throws {
        let store = EventStore(connection: connection)
        var events: [LedgerStreamEvent] = []
        var after: Int64 = 0
        while true {
            let page = try store.readAll(after: after, limit: 20_000)
            guard let last = page.last else { break }
            events += try page.map(LedgerStreamEvent.init(recorded:))
            after = last.globalPosition
        }
        var sessions = 0
        let time = try Self.median(runs) { sessions = try PerformanceSeries.recorded(events: events, portfolio: portfolio).sessions.count }
        print("stats_in_memory_events = \(events.count)")
        print(String(format: "stats_in_memory_series = %.1f ms (%d sessions)", time, sessions))
    }
}
