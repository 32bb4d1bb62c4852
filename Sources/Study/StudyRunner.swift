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

/// Runs a study: every candidate on every train window, then the best few on the test window and
/// each policy's stitched out-of-sample account, each a full in-memory backtest, `workers` at a time
/// in a task group. Results are placed by job index,
/// so the outcome is the same for any number of workers.
public struct StudyRunner: Sendable {
    public var workers: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.workers = max(1, workers)
    }

    struct Job: Sendable {
        var parameters: BacktestParameters
        var span: DateSpan
        /// The stitched account's rule changes (nil: one candidate's run).
        var changes: [RuleChange]? = nil

        func run(on backtest: CandidateBacktest) throws -> StudyFigures {
            guard let changes else { return try backtest.run(parameters, over: span) }
            return try backtest.run(parameters, changes: changes, over: span)
        }
    }

    /// `progress(done, total)` is called after each backtest, from one task at a time.
    public func run(_ plan: StudyPlan, progress: (Int, Int) -> Void = { _, _ in }) async throws -> StudyResult {
        let trainJobs = plan.windows.flatMap { window in plan.candidates.flatMap { $0.map { Job(parameters: $0.parameters, span: window.train) } } }
        let reportedPerWindow = plan.candidates.reduce(0) { $0 + min(plan.reported, $1.count) }
        let total = trainJobs.count + plan.windows.count * reportedPerWindow + plan.candidates.count
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
        let stitchedJobs = plan.candidates.indices.map { p in Self.stitchedJob(plan, chosen: ranked.map { plan.candidates[p][$0[p][0]] }) }
        let test = try await perform(testJobs + stitchedJobs, on: plan.backtest) { done += 1; progress(done, total) }
        return StudyAssembly(plan: plan, train: train, ranked: ranked, test: Array(test.dropLast(stitchedJobs.count)),
                             stitchedAccounts: Array(test.suffix(stitchedJobs.count))).result()
    }

    /// One policy's stitched out-of-sample account: from the first test window's first day to the
    /// last one's end, under each window's chosen candidate from that window's first day (`StudyStitching`).
    static func stitchedJob(_ plan: StudyPlan, chosen: [StudyCandidate]) -> Job {
        let stitching = StudyStitching(windows: plan.windows, chosen: chosen)
        return Job(parameters: stitching.parameters, span: stitching.span, changes: stitching.changes)
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
                group.addTask { (index, try job.run(on: backtest)) }
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
