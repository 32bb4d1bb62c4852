import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a PostgreSQL program to completion and captures what it prints. When `account` says so, the
/// program runs as the `postgres` system user through `runuser` (initdb and postgres refuse root).
///
/// It uses `posix_spawn` and `waitpid` directly rather than Foundation's `Process`: the child starts
/// with a clean signal mask, inherits no descriptor but stdin/stdout/stderr (so a server that pg_ctl
/// leaves running never holds our pipes or the cluster lock), and its exit is collected synchronously.
struct ServerCommand {
    var executable: URL
    var arguments: [String]
    var account: ServerAccount = .current
    /// Working directory; the server user must be able to enter it (root's home is not enterable).
    var workingDirectory = URL(fileURLWithPath: "/")
    /// The child's environment; by default the caller's without `PG*` variables.
    var environment: [String: String] = ServerCommand.childEnvironment()

    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var combined: String { [standardOutput, standardError].filter { !$0.isEmpty }.joined(separator: "\n") }
    }

    /// Runs the program and returns its exit status (128 + signal when killed) and output.
    func run() throws -> Result {
        let program: String
        let argv: [String]
        if let user = account.runAsUser {
            program = Self.runuser
            argv = [Self.runuser, "-u", user, "--", executable.path] + arguments
        } else {
            program = executable.path
            argv = [executable.path] + arguments
        }
        let environment = self.environment.map { "\($0.key)=\($0.value)" }

        // Pipes are made close-on-exec and the child spawned under one lock, so that a concurrent spawn
        // from this process never inherits another command's pipe (pg_ctl's server would keep it open).
        Self.spawnLock.lock()
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard pipe(&output) == 0, pipe(&errors) == 0 else {
            Self.spawnLock.unlock()
            throw failure("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for descriptor in output + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        if let addChdir = GlibcSpawnExtensions.addChdir {
            _ = addChdir(&actions, workingDirectory.path)
        }
        if let addCloseFrom = GlibcSpawnExtensions.addCloseFrom {
            _ = addCloseFrom(&actions, 3)
        }

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

        var pid: pid_t = 0
        let spawned = withCStrings(argv) { argvPointers in
            withCStrings(environment) { environmentPointers in
                posix_spawn(&pid, program, &actions, &attributes, argvPointers, environmentPointers)
            }
        }
        close(output[1])
        close(errors[1])
        Self.spawnLock.unlock()
        defer {
            close(output[0])
            close(errors[0])
        }
        guard spawned == 0 else {
            throw failure("cannot run \(program): \(String(cString: strerror(spawned)))")
        }
        let (standardOutput, standardError) = Self.drain(output[0], errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw failure("waitpid: \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7f
        return Result(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            standardOutput: String(decoding: standardOutput, as: UTF8.self),
            standardError: String(decoding: standardError, as: UTF8.self)
        )
    }

    /// Runs the program and throws `commandFailed` unless it exits 0.
    @discardableResult
    func check() throws -> Result {
        let result = try run()
        guard result.status == 0 else {
            throw LocalClusterError.commandFailed(
                program: executable.lastPathComponent, status: result.status, output: Self.tail(result.combined))
        }
        return result
    }

    /// Standard output of a program run as the current user; throws unless it exits 0.
    static func output(of executable: URL, _ arguments: [String]) throws -> String {
        try ServerCommand(executable: executable, arguments: arguments).check().standardOutput
    }

    static let runuser = "/usr/sbin/runuser"
    private static let spawnLock = NSLock()

    /// The caller's environment without `PG*` variables (they would redirect pg_ctl or psql elsewhere),
    /// with English messages.
    static func childEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_MESSAGES"] = "C"
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        return environment
    }

    /// The last lines of a long output, enough to explain a failure in one message.
    static func tail(_ text: String, lines: Int = 8) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines).joined(separator: " | ")
    }

    private func failure(_ reason: String) -> LocalClusterError {
        .commandFailed(program: executable.lastPathComponent, status: -1, output: reason)
    }

    /// Reads both pipes until each reaches end of file, with poll so neither can fill up and block the child.
    private static func drain(_ first: Int32, _ second: Int32) -> (Data, Data) {
        var collected = [Data(), Data()]
        var descriptors = [pollfd(fd: first, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while descriptors.contains(where: { $0.fd >= 0 }) {
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = read(descriptors[index].fd, &buffer, buffer.count)
                if count > 0 {
                    collected[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    descriptors[index].fd = -1  // poll ignores negative descriptors
                }
            }
        }
        return (collected[0], collected[1])
    }
}

/// Calls `body` with a NULL-terminated array of C strings, valid only during the call.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+) and `…_addclosefrom_np` (2.34+), which the
/// Swift Glibc module does not export; looked up at run time and skipped when absent.
private enum GlibcSpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }
}
