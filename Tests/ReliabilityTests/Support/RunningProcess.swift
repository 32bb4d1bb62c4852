import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` (not Foundation's `Process`, see `ServerCommand`):
/// stdin from /dev/null, stdout and stderr into one file, no other descriptor inherited, a clean
/// signal mask. The test can kill it at any moment and waits for it with a deadline, so a hung
/// child fails the test instead of hanging it.
final class RunningProcess: @unchecked Sendable {
    let pid: pid_t
    let outputFile: URL
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `program` with `arguments`; its output goes to a new temporary file.
    init(_ program: URL, _ arguments: [String], environment: [String: String] = RunningProcess.environment) throws {
        outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-child-\(UUID().uuidString).log")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let closeFrom = RunningProcess.addCloseFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([program.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program.path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ChildFailure(description: "cannot start \(program.path): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// The exit status (128 + signal when killed) once it has exited, waiting up to `timeout`
    /// seconds; nil when it is still running then.
    func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            lock.lock()
            if let exitStatus { lock.unlock(); return exitStatus }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let signal = status & 0x7f
                exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                lock.unlock()
                return exitStatus
            }
            lock.unlock()
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }

    /// Sends `signal` (SIGKILL by default).
    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// Kills it if it still runs and reaps it; for cleanup.
    func terminate() {
        if wait(timeout: 0) == nil {
            kill()
            _ = wait(timeout: 10)
        }
    }

    /// Everything it printed so far (stdout and stderr interleaved).
    var output: String {
        (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    deinit {
        try? FileManager.default.removeItem(at: outputFile)
    }

    /// The test's environment without the variables that would point `alvh` elsewhere.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        environment["LC_MESSAGES"] = "C"
        return environment
    }

    struct ChildFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), absent from the Glibc module.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(pointer, to: AddCloseFrom.self)
    }()
}
