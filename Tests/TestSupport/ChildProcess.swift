import ALVHCLI
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child process (posix_spawn + waitpid, never Foundation's Process, which on
/// Linux can wait for descriptors a server inherited), with stdout and stderr captured to files.
public enum ChildProcess {
    /// Arguments as raw bytes, so tests can pass what a shell could (invalid UTF-8 included).
    public static func run(_ path: String, rawArguments: [[UInt8]]) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory
        let outPath = directory.appendingPathComponent("alvh-child-out-\(UUID().uuidString)").path
        let errPath = directory.appendingPathComponent("alvh-child-err-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let all = [Array(path.utf8)] + rawArguments
        let cStrings: [UnsafeMutablePointer<CChar>?] = all.map { bytes in
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { buffer[i] = CChar(bitPattern: b) }
            buffer[bytes.count] = 0
            return buffer
        } + [nil]
        defer { for pointer in cStrings { pointer?.deallocate() } }
        var pid: pid_t = 0
        let spawned = cStrings.withUnsafeBufferPointer { argv in
            posix_spawn(&pid, path, &actions, nil, UnsafeMutablePointer(mutating: argv.baseAddress!), environ)
        }
        struct SpawnFailed: Error, CustomStringConvertible { var description: String }
        guard spawned == 0 else { throw SpawnFailed(description: "cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "", (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    public static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try run(path, rawArguments: arguments.map { Array($0.utf8) })
    }
}

/// The built `alvh` executable, run as a separate process: its stdout and stderr are exactly its
/// own, whatever other tests print meanwhile (Swift Testing runs suites in parallel, so capturing
/// the test process's own descriptors would mix their output in).
public enum ALVHProcess {
    /// The `alvh` beside the test bundle (both are products of the same build).
    public static let path: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            let executable = URL(fileURLWithPath: String(cString: buffer))
            var directory = executable.deletingLastPathComponent()
            // …/debug/alvh-ledgerPackageTests.xctest, or a binary inside a bundle directory.
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("alvh").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/alvh").path
    }()

    /// Whether a process can receive these arguments at all: argv strings end at a NUL byte, and the
    /// kernel refuses one argument over 128 KiB (E2BIG).
    public static func canPass(_ arguments: [String]) -> Bool {
        !arguments.contains { $0.utf8.count > 100_000 || $0.utf8.contains(0) }
    }

    /// Runs `alvh ARGUMENTS…`: exit status, stdout and stderr. Arguments no shell can pass run
    /// in-process instead (`ALVHMain.run` under `OutputCapture`, which also captures what other
    /// suites print meanwhile: assert on those with `contains`).
    public static func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        guard canPass(arguments) else {
            let (status, out, err) = OutputCapture.capture { ALVHMain.run(arguments) }
            return (status, out, err)
        }
        do {
            return try ChildProcess.run(path, arguments)
        } catch {
            return (127, "", "test support: \(error) (is \(path) built?)")
        }
    }
}
