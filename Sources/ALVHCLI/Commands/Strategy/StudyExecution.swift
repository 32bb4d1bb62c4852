import Foundation
import Study

/// Runs a study's task group from the synchronous command: the runner works on the concurrency
/// pool while this thread waits; the progress bar is drawn on stderr from the runner's one loop.
enum StudyExecution {
    final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<StudyResult, Error>?
        let bar: ProgressBar
        init(bar: ProgressBar) { self.bar = bar }
    }

    static func run(_ plan: StudyPlan, workers: Int) throws -> StudyResult {
        let outcome = Outcome(bar: ProgressBar(label: "study", unit: "backtests"))
        Task.detached {
            do {
                let result = try await StudyRunner(workers: workers).run(plan) { outcome.bar.update($0, $1) }
                outcome.result = .success(result)
            } catch {
                outcome.result = .failure(error)
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        outcome.bar.finish()
        return try outcome.result!.get()
    }
}
