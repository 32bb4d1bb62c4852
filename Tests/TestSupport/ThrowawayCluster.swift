import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// THE LEAD WIRES THIS TO LocalCluster at merge. Until then: a minimal throwaway PostgreSQL cluster
/// for tests, with initdb/pg_ctl from `/usr/lib/postgresql/*/bin` (or `pg_config --bindir`), in a
/// temporary directory, listening on a Unix socket only, trust auth, user `alvh`; run as the
/// `postgres` user when the tests run as root; stopped (immediate) when the test process exits.
/// Returns the admin connection string.
public func startThrowawayCluster() throws -> String {
    let binDirectory = try findServerBinDirectory()
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-test-pg-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let data = root.appendingPathComponent("data").path
    let asRoot = getuid() == 0
    if asRoot { try run("/bin/chown", ["postgres:postgres", root.path]) }
    func server(_ tool: String, _ arguments: [String]) throws {
        let path = binDirectory + "/" + tool
        if asRoot { try run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments) } else { try run(path, arguments) }
    }
    try server("initdb", ["-D", data, "-A", "trust", "-U", "alvh", "-E", "UTF8", "--no-sync", "--no-instructions"])
    try server("pg_ctl", ["-D", data, "-l", root.path + "/server.log", "-w", "-t", "60", "-o",
                          "-k \(root.path) -c listen_addresses='' -c fsync=off -c max_connections=200", "start"])
    ThrowawayClusterStopper.register(binDirectory: binDirectory, data: data, asRoot: asRoot, root: root.path)
    return "host=\(root.path) user=alvh dbname=postgres"
}

private func findServerBinDirectory() throws -> String {
    let base = "/usr/lib/postgresql"
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
        .compactMap(Int.init).sorted(by: >)
    for version in versions where FileManager.default.isExecutableFile(atPath: "\(base)/\(version)/bin/initdb") {
        return "\(base)/\(version)/bin"
    }
    struct Missing: Error, CustomStringConvertible {
        var description: String { "no PostgreSQL server binaries (initdb) found: install the postgresql package or set ALVH_TEST_DATABASE_URL" }
    }
    throw Missing()
}

/// Runs a tool and waits for it with posix_spawn and waitpid. Not Foundation's Process: `pg_ctl start`
/// leaves the server running with descriptors inherited from the tool, and Process (on Linux) waits
/// until every holder of its monitoring descriptor is gone, i.e. until the server stops. Output goes
/// to a file for the error message.
private func run(_ executable: String, _ arguments: [String]) throws {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-tool-\(UUID().uuidString).log").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    struct Failed: Error, CustomStringConvertible { var description: String }
    guard spawned == 0 else { throw Failed(description: "cannot start \(executable): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exited = (status & 0x7f) == 0
    let code = (status >> 8) & 0xff
    if !exited || code != 0 {
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        throw Failed(description: "\(executable) \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
    }
}

private enum ThrowawayClusterStopper {
    nonisolated(unsafe) static var command: [String] = []
    nonisolated(unsafe) static var root = ""

    static func register(binDirectory: String, data: String, asRoot: Bool, root: String) {
        let stop = [binDirectory + "/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]
        command = asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + stop : stop
        self.root = root
        atexit {
            try? run(ThrowawayClusterStopper.command[0], Array(ThrowawayClusterStopper.command.dropFirst()))
            try? FileManager.default.removeItem(atPath: ThrowawayClusterStopper.root)
        }
    }
}
