import ArgumentParser
import Finance
import Foundation
import Strategy
import Study

/// `alvh-bench study`: a walk-forward study of 200 candidates (100 ALVH: threatened delta ×
/// inversion ratio × take profit; 100 fixed: take profit × stop × time exit) over the daily files
/// of `--data` (the layout of ../shared/data) or the synthetic market: seconds, backtests per second,
/// sessions per second and peak memory, with `--workers` at a time.
struct StudyBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "study", abstract: "A 200-candidate walk-forward study: seconds and peak memory.")

    @Option(help: ArgumentHelp("Directory with the daily files (the layout of ../shared/data); default: the synthetic market.", valueName: "DIR"))
    var data: String?
    @Option(help: "Synthetic market length in years (without --data).") var years: Double = 16.5
    @Option(help: "Walk-forward train years.") var trainYears = 4
    @Option(help: "Walk-forward test years.") var testYears = 2
    @Option(help: "Backtests at once (default: every core).") var workers = ProcessInfo.processInfo.activeProcessorCount

    static let grid = [
        "threatened-delta=0.2,0.25,0.3,0.35,0.4", "inversion-ratio=0.95,1,1.05,1.1", "take-profit=0.3,0.4,0.5,0.6,0.75",
        "stop=1,1.5,2,3,4", "exit-dte=none,7,14,21",
    ]

    func run() throws {
        let (days, calendar) = try market()
        let span = DateSpan(from: days[CandidateBacktest.warmupSessions].date, to: days.last!.date)
        let grid = try StudyGrid(Self.grid)
        let base = BacktestParameters(portfolio: "bench")
        let plan = StudyPlan(backtest: CandidateBacktest(days: days, calendar: calendar),
                             windows: try WindowPlan.walkForward(trainYears: trainYears, testYears: testYears, data: span),
                             candidates: [try StudyCandidate.all(policy: .alvh, grid: grid, base: base), try StudyCandidate.all(policy: .fixed, grid: grid, base: base)],
                             objective: .returnOnCapitalTime, reported: 3)
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try Self.wait { try await StudyRunner(workers: workers).run(plan) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let backtests = result.backtests
        let sessions = result.windows.reduce(0) { $0 + $1.policies.reduce(0) { w, p in w + p.candidatesTried * (p.best.first?.inSample.dates.count ?? 0) + p.best.reduce(0) { $0 + ($1.outOfSample?.dates.count ?? 0) } } }
            + result.stitched.reduce(0) { $0 + $1.outOfSample.dates.count }
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        print("study_candidates = \(plan.candidates.reduce(0) { $0 + $1.count }) count")
        print("study_windows = \(plan.windows.count) count")
        print("study_backtests = \(backtests) count")
        print("study_workers = \(workers) count")
        print("study_s = \(String(format: "%.1f", seconds)) s")
        print("study_backtests_per_s = \(String(format: "%.2f", Double(backtests) / seconds)) backtests/s")
        print("study_sessions_per_s = \(Int(Double(sessions) / seconds)) sessions/s")
        print("study_peak_rss_mib = \(usage.ru_maxrss / 1024) MiB")
    }

    func market() throws -> ([MarketDay], EventCalendar?) {
        guard let data else {
            let start = CalendarDay(year: 2010, month: 1, day: 1)!
            let days = SyntheticMarket(seed: 1).days(start: start, sessions: 60 + Int(years * 252))
            return (days, SyntheticMarket.calendar(from: start, to: days.last!.date))
        }
        let directory = URL(fileURLWithPath: data)
        func closes(_ name: String) throws -> [CalendarDay: Double] { try DailyBarFile.closes(contentsOf: directory.appendingPathComponent(name)) }
        let days = DailyBarFile.join(spx: try closes("spx_daily.csv"), vix: try closes("vix_daily.csv"), vix3m: try closes("vix3m_daily.csv"),
                                     vix9d: try closes("vix9d_daily.csv")).filter { $0.date >= CalendarDay(year: 2009, month: 10, day: 1)! }
        return (days, try EventCalendar(contentsOf: directory.appendingPathComponent("us_macro_events.csv")))
    }

    final class Box<T>: @unchecked Sendable { var value: Result<T, Error>?; let done = DispatchSemaphore(value: 0) }

    static func wait<T>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        Task.detached {
            do { box.value = .success(try await body()) } catch { box.value = .failure(error) }
            box.done.signal()
        }
        box.done.wait()
        return try box.value!.get()
    }
}
