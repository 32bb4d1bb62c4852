import ALVHCLI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a writer's commands through `ALVHMain.run` and logs each attempt on stdout (stderr is
/// joined to stdout, so a command's own output — its JSON line or its `alvh: …` error — comes
/// right before the attempt's log line):
///
///     @ <writer> <index> <attempt> <command id> <exit status>
///
/// With `--timings`, each attempt's log line is followed by its wall time in seconds (the whole
/// command as `alvh` runs it: session, migration check, validation, append, catch-up):
///
///     % <writer> <index> <attempt> <exit status> <seconds>
///
/// A conflict (exit 3) is retried with the same `--command-id`; other failures move on, except
/// that with `--stop-on-unavailable` the first exit 4 ends the writer with status 4.
struct LoadWriter {
    let options: LoadOptions

    func run() -> Int32 {
        dup2(1, 2)
        let workload = LoadWorkload(options: options)
        var touched = Set<UUID>()
        for index in 0..<options.commands {
            let command = workload.command(index, touched: &touched)
            let arguments = command.arguments + ["--json", "--database", options.database,
                                                 "--command-id", command.commandID.uuidString.lowercased()]
            var attempt = 1
            while true {
                let started = DispatchTime.now().uptimeNanoseconds
                let status = ALVHMain.run(arguments)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                fflush(nil)
                print("@ \(options.writer) \(index) \(attempt) \(command.commandID.uuidString.lowercased()) \(status)")
                if options.timings { print("% \(options.writer) \(index) \(attempt) \(status) \(seconds)") }
                fflush(nil)
                if status == 3, attempt < options.maxRetries {
                    attempt += 1
                    continue
                }
                if status == 4, options.stopOnUnavailable { return 4 }
                break
            }
        }
        return 0
    }
}
