import ArgumentParser
import EventStore
import Foundation
import Ledger
import PostgresClient
import Projections

/// `alvh-bench stats`: what `alvh stats` costs for one portfolio of an existing ledger (make one
/// with `alvh backtest` on ../shared/data), printed as `name = value unit`, medians of --runs,
/// wall time and the process's CPU time (user + system, decoding runs on both cores):
/// loading the portfolio's facts as `alvh stats` does now (`PortfolioPositions`: the ids of its
/// condors and layers, then their streams and its marks) and as it did before (every projection
/// row, `ProjectionBook`, then the same streams and marks) — the baseline, in the same run; the
/// daily series of each path (recorded and fixed rule) alone, and both as `alvh stats` computes
/// them (`PortfolioPerformance`); the statistics (whole range and per year); the
/// totals (load + both paths + statistics) and their ratio to the baseline's. Then the in-memory path issue 18 uses (the series from the
/// ledger's events in global order, as a backtest's `InMemoryLedger` holds them).
struct StatsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "alvh stats for one portfolio of an existing ledger: load, series, statistics (ms, wall and CPU), and the in-memory series.")

    @Option(help: ArgumentHelp("The ledger's URL (default: DATABASE_URL); its projections must be caught up (run alvh project).", valueName: "URL"))
    var database: String?
    @Option(help: "The portfolio.") var portfolio: String
    @Option(help: "Measurements per figure (the median is printed).") var runs: Int = 5

    /// Median wall and CPU milliseconds of `runs` runs of `body`.
    static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<max(runs, 1) {
            let start = DispatchTime.now().uptimeNanoseconds, startCPU = ReplayBench.processCPUSeconds()
            try body()
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            cpus.append((ReplayBench.processCPUSeconds() - startCPU) * 1000)
        }
        return (walls.sorted()[walls.count / 2], cpus.sorted()[cpus.count / 2])
    }

    static func print(_ name: String, _ figure: (wall: Double, cpu: Double)) {
        Swift.print(String(format: "%@ = %.1f ms (CPU %.1f ms)", name, figure.wall, figure.cpu))
    }

    func run() throws {
        guard let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] else {
            throw ValidationError("--database: a URL is required (or DATABASE_URL)")
        }
        let connection = try PostgresConnection(connectionString: url)
        defer { connection.close() }
        let loader = PerformanceLoader(connection: connection)
        guard var positions = try PortfolioPositions.load(connection).first(where: { $0.portfolio == portfolio }) else {
            throw ValidationError("--portfolio: no portfolio '\(portfolio)' in that ledger")
        }
        var facts = try loader.facts(positions)
        var alvh = PerformanceSeries.recorded(facts), fixed = PerformanceSeries.fixed(facts, rule: .standard)
        let before = try Self.median(runs) {
            facts = try loader.facts(portfolio: portfolio, book: try ProjectionBook.load(connection))
        }
        let load = try Self.median(runs) {
            positions = try PortfolioPositions.load(connection).first { $0.portfolio == portfolio }!
            facts = try loader.facts(positions)
        }
        let recorded = Self.median(runs) { alvh = PerformanceSeries.recorded(facts) }
        let fixedPath = Self.median(runs) { fixed = PerformanceSeries.fixed(facts, rule: .standard) }
        let bothPaths = Self.median(runs) { _ = PortfolioPerformance(facts: facts, rule: .standard) }
        var years = 0
        let statistics = Self.median(runs) {
            for series in [alvh, fixed] {
                _ = PerformanceStatistics.compute(series)
                years = PerformanceStatistics.byYear(series).count
            }
        }
        Swift.print("stats_sessions = \(alvh.sessions.count)")
        Swift.print("stats_condors = \(facts.condorStreams.count)")
        Swift.print("stats_layers = \(facts.layerStreams.count)")
        Swift.print("stats_marks = \(facts.marks.count)")
        Swift.print("stats_years = \(years)")
        Self.print("stats_load_facts", load)
        Self.print("stats_load_facts_with_book_baseline", before)
        Self.print("stats_series_recorded", recorded)
        Self.print("stats_series_fixed", fixedPath)
        Self.print("stats_series_both_paths", bothPaths)
        Self.print("stats_statistics_both_paths", statistics)
        let compute = (bothPaths.wall + statistics.wall, bothPaths.cpu + statistics.cpu)
        let total = (load.wall + compute.0, load.cpu + compute.1), baseline = (before.wall + compute.0, before.cpu + compute.1)
        Self.print("stats_total", total)
        Self.print("stats_total_with_book_baseline", baseline)
        Swift.print(String(format: "stats_total_over_baseline = %.2f (CPU %.2f)", total.0 / baseline.0, total.1 / baseline.1))
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
        Swift.print("stats_in_memory_events = \(events.count)")
        Swift.print(String(format: "stats_in_memory_series = %.1f ms (CPU %.1f ms, %d sessions)", time.wall, time.cpu, sessions))
    }
}
