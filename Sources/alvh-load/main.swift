import ALVHCLI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// alvh-load: one writer process for the reliability tests. It records a deterministic stream of
// trade commands through the real command line code (`ALVHMain.run`, exactly what the `alvh`
// binary runs: a new session, the migration check, validation and one append per command) and
// logs every attempt. See `LoadOptions` and `LoadWorkload` for the workload, `AttemptLog` for
// the log format.

let options: LoadOptions
do {
    options = try LoadOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("alvh-load: \(error)\n".utf8))
    exit(2)
}
exit(LoadWriter(options: options).run())
