import Finance
import Foundation
import Strategy

/// What a study runs: the market, the windows, the candidates of each policy, the objective.
public struct StudyPlan: Sendable {
    public var backtest: CandidateBacktest
    public var windows: [StudyWindow]
    /// Candidates of each policy studied, in policy order (ALVH first).
    public var candidates: [[StudyCandidate]]
    public var objective: StudyObjective
    /// How many of the best in-sample candidates are also run out of sample and reported.
    public var reported: Int

    public init(backtest: CandidateBacktest, windows: [StudyWindow], candidates: [[StudyCandidate]], objective: StudyObjective, reported: Int = 3) {
        self.backtest = backtest
        self.windows = windows
        self.candidates = candidates
        self.objective = objective
        self.reported = reported
    }
}

/// Runs a study: every candidate on every train window, then the best few on the test window, each
/// a full in-memory backtest, `workers` at a time in a task group. Results are placed by job index,
/// so the outcome is the same for any number of workers.
public struct StudyRunner: Sendable {
    public var workers: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.workers = max(1, workers)
    }

    struct Job: Sendable {
        var parameters: BacktestParameters
        var span: DateSpan
    }

    /// `progress(done, total)` is called after each backtest, from one task at a time.
    public func run(_ plan: StudyPlan, progress: (Int, Int) -> Void = { _, _ in }) async throws -> StudyResult {
        let trainJobs = plan.windows.flatMap { window in plan.candidates.flatMap { $0.map { Job(parameters: $0.parameters, span: window.train) } } }
        let reportedPerWindow = plan.candidates.reduce(0) { $0 + min(plan.reported, $1.count) }
        let total = trainJobs.count + plan.windows.count * reportedPerWindow
        var done = 0
        let train = try await perform(trainJobs, on: plan.backtest) { done += 1; progress(done, total) }
        var ranked: [[[Int]]] = []       // window → policy → candidate indexes, best first
        var testJobs: [Job] = []
        var offset = 0
        for window in plan.windows {
            var perPolicy: [[Int]] = []
            for candidates in plan.candidates {
                let figures = train[offset..<offset + candidates.count]
                offset += candidates.count
                let order = Self.rank(figures.map { plan.objective.score($0) })
                perPolicy.append(Array(order.prefix(plan.reported)))
                testJobs += perPolicy.last!.map { Job(parameters: candidates[$0].parameters, span: window.test) }
            }
            ranked.append(perPolicy)
        }
        let test = try await perform(testJobs, on: plan.backtest) { done += 1; progress(done, total) }
        return StudyAssembly(plan: plan, train: train, ranked: ranked, test: test).result()
    }

    /// Candidate indexes best first: by score descending, nil last, ties by index.
    static func rank(_ scores: [Double?]) -> [Int] {
        scores.indices.sorted { a, b in
            switch (scores[a], scores[b]) {
            case let (x?, y?): return x != y ? x > y : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
    }

    private func perform(_ jobs: [Job], on backtest: CandidateBacktest, finished: () -> Void) async throws -> [StudyFigures] {
        var results = [StudyFigures?](repeating: nil, count: jobs.count)
        try await withThrowingTaskGroup(of: (Int, StudyFigures).self) { group in
            var next = 0
            func start(_ group: inout ThrowingTaskGroup<(Int, StudyFigures), Error>) {
                guard next < jobs.count else { return }
                let index = next, job = jobs[index]
                group.addTask { (index, try backtest.run(job.parameters, over: job.span)) }
                next += 1
            }
            for _ in 0..<workers { start(&group) }
            while let (index, figures) = try await group.next() {
                results[index] = figures
                finished()
                start(&group)
            }
        }
        return results.map { $0! }
    }
}
