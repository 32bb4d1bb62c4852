import TestSupport

/// `alvh` run as a child process for the study tests. In-process runs (`OutputCapture` around
/// `ALVHMain.run`) hold the process-wide capture lock while the study's task group waits for the
/// cooperative pool; on two cores another test blocked on that lock leaves the pool no thread, and
/// both wait for ever (seen on main: a full suite hung in `VXBacktestTests`). A child process has
/// its own pool and its own stdout.
enum StudyChild {
    /// Exit status as `value`, like `OutputCapture.capture`'s result, and the child's own output.
    static func run(_ arguments: [String]) -> (value: Int32, stdout: String, stderr: String) {
        let run = ALVHProcess.run(arguments)
        return (run.status, run.stdout, run.stderr)
    }
}
