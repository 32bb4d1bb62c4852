import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Captures what a block writes to the process's stdout and stderr (file descriptors 1 and 2), for
/// driving `ALVHMain.run` in-process. Captures are serialised process-wide; output other threads
/// write meanwhile is captured too, so assert with `contains`, not equality, on busy runs.
/// Never wrap a command that waits on Swift concurrency (`alvh study`'s task group) in it: the
/// capture lock is held while the command waits for the cooperative pool, and on two cores a test
/// blocked on the lock leaves the pool no thread (a full suite hung that way). Use `ALVHProcess.run`.
public enum OutputCapture {
    private static let lock = NSLock()

    public static func capture<T>(_ body: () throws -> T) rethrows -> (value: T, stdout: String, stderr: String) {
        lock.lock()
        defer { lock.unlock() }
        let directory = FileManager.default.temporaryDirectory
        let outPath = directory.appendingPathComponent("alvh-out-\(UUID().uuidString)").path
        let errPath = directory.appendingPathComponent("alvh-err-\(UUID().uuidString)").path
        fflush(nil)
        let savedOut = dup(1), savedErr = dup(2)
        let outFile = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let errFile = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        dup2(outFile, 1)
        dup2(errFile, 2)
        func restore() {
            fflush(nil)
            dup2(savedOut, 1)
            dup2(savedErr, 2)
            close(savedOut); close(savedErr); close(outFile); close(errFile)
        }
        let value: T
        do {
            value = try body()
        } catch {
            restore()
            throw error
        }
        restore()
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return (value, out, err)
    }
}
