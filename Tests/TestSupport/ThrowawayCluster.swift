import Foundation

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

private func run(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let errorPipe = Pipe()
    process.standardError = errorPipe
    try process.run()
    let errorOutput = errorPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    struct Failed: Error, CustomStringConvertible { var description: String }
    if process.terminationStatus != 0 {
        throw Failed(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: errorOutput, as: UTF8.self))")
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
