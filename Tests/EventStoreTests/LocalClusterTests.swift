import Foundation
import Testing
@testable import EventStore
#if canImport(Glibc)
import Glibc
#endif

/// The embedded cluster, end to end against the real PostgreSQL programs, each test in its own home.
@Suite("LocalCluster", .serialized)
struct LocalClusterTests {
    @Test("create, start, no-op start, stop, restart keeps data")
    func lifecycle() throws {
        let home = try TemporaryHome(mode: 0o755)
        defer { home.remove() }
        let cluster = LocalCluster(directory: home.url)
        defer { try? cluster.destroy() }

        #expect(cluster.status().state == .notCreated)
        #expect(try cluster.prepare() == .created)

        let running = cluster.status()
        #expect(running.state == .running)
        let pid = try #require(running.pid)
        #expect(running.serverVersion?.isEmpty == false)
        #expect(running.connectionString == cluster.connectionString)
        #expect(FileManager.default.fileExists(atPath: running.logFile.path))
        #expect(FileManager.default.fileExists(atPath: running.socketDirectory.appendingPathComponent(".s.PGSQL.5432").path))

        // Already running: nothing is done and the same server keeps running.
        #expect(try cluster.prepare() == .alreadyRunning)
        #expect(try cluster.start() == cluster.connectionString)
        #expect(cluster.status().pid == pid)

        try psql(cluster, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives a restart')")
        #expect(try psql(cluster, "SHOW listen_addresses") == "")
        #expect(try psql(cluster, "SHOW fsync") == "on")
        #expect(try psql(cluster, "SELECT current_user || ' ' || current_database() || ' ' || pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()") == "alvh alvh UTF8")

        try cluster.stop()
        let stopped = cluster.status()
        #expect(stopped.state == .stopped)
        #expect(stopped.pid == nil)
        try cluster.stop()  // stopping a stopped cluster is a no-op

        #expect(try cluster.prepare() == .started)
        #expect(cluster.status().state == .running)
        #expect(try psql(cluster, "SELECT note FROM kept") == "survives a restart")

        try cluster.destroy()
        #expect(cluster.status().state == .notCreated)
    }

    @Test("two concurrent starts create one cluster; as root a private home is relocated for postgres")
    func concurrentStartsAndRootLayout() throws {
        let home = try TemporaryHome(mode: 0o700)
        defer { home.remove() }
        let cluster = LocalCluster(directory: home.url)
        defer { try? cluster.destroy() }

        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            // Separate values, as two alvh processes would have; flock serialises them.
            outcomes.append(Result { try LocalCluster(directory: home.url).prepare() })
        }
        let actions = try outcomes.all.map { try $0.get() }.sorted { $0.rawValue < $1.rawValue }
        #expect(actions == [.alreadyRunning, .created])
        #expect(try psql(cluster, "SELECT count(*) FROM pg_database WHERE datname = 'alvh'") == "1")

        let status = cluster.status()
        #expect(status.state == .running)
        #expect(status.socketDirectory.appendingPathComponent(".s.PGSQL.5432").path.utf8.count <= 107)
        if geteuid() == 0 {
            // postgres cannot enter a 0700 root-owned home: the data lives under /var/lib/alvh, recorded in the home.
            #expect(status.dataDirectory.path.hasPrefix("/var/lib/alvh/"))
            let recorded = try String(contentsOf: home.url.appendingPathComponent("cluster.location"), encoding: .utf8)
            #expect(recorded.trimmingCharacters(in: .whitespacesAndNewlines) == status.dataDirectory.deletingLastPathComponent().path)
            #expect(FileManager.default.fileExists(atPath: home.url.appendingPathComponent("log/postgresql.log").path))
        } else {
            #expect(status.dataDirectory.path == home.url.appendingPathComponent("data").path)
        }

        // The lock is not inherited by the server: stopping (which takes it) does not wait.
        try cluster.stop()
        #expect(cluster.status().state == .stopped)
        let relocatedRoot = status.dataDirectory.deletingLastPathComponent()
        try cluster.destroy()
        if geteuid() == 0 {
            #expect(!FileManager.default.fileExists(atPath: relocatedRoot.path))
        }
    }

    @Test("a planted symbolic link where the socket directory goes is refused, not followed")
    func plantedSocketDirectoryIsRefused() throws {
        let base = try TemporaryHome(mode: 0o755)
        defer { base.remove() }
        // A home deep enough that the socket moves to /tmp/alvh-<uid>-<key>.
        let home = base.url.appendingPathComponent(String(repeating: "a-rather-long-directory-name/", count: 3) + "alvh")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let cluster = LocalCluster(directory: home)
        defer { try? cluster.destroy() }
        let socketDirectory = cluster.status().socketDirectory
        #expect(socketDirectory.path.hasPrefix("/tmp/alvh-"))
        let victim = base.url.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.createSymbolicLink(at: socketDirectory, withDestinationURL: victim)
        defer { try? FileManager.default.removeItem(at: socketDirectory) }

        #expect {
            try cluster.prepare()
        } throws: { error in
            guard case LocalClusterError.filesystem(let path, _) = error else { return false }
            return path == socketDirectory.path
        }
        let owner = try FileManager.default.attributesOfItem(atPath: victim.path)[.ownerAccountID] as? NSNumber
        #expect(owner?.uint32Value == geteuid())  // not handed to postgres
        #expect(cluster.status().state == .stopped)
    }

    @Test("no server binaries: the error names the package to install and DATABASE_URL")
    func missingBinaries() throws {
        let empty = try TemporaryHome(mode: 0o755)
        defer { empty.remove() }
        #expect {
            try PostgresBinaries.locate(searchPath: [empty.url.path], versionedRoot: empty.url.appendingPathComponent("none"))
        } throws: { error in
            guard case LocalClusterError.serverBinariesNotFound = error else { return false }
            let message = String(describing: error)
            return message.contains("`postgresql` package") && message.contains("DATABASE_URL")
        }
    }

    @Test("discovery picks the highest versioned bin directory that has initdb and pg_ctl")
    func discoveryPrefersHighestCompleteVersion() throws {
        let root = try TemporaryHome(mode: 0o755)
        defer { root.remove() }
        try root.fakeBin("9.6", programs: ["initdb", "pg_ctl"])
        try root.fakeBin("15", programs: ["initdb", "pg_ctl"])
        try root.fakeBin("16", programs: ["initdb"])  // incomplete: skipped
        let found = try PostgresBinaries.locate(searchPath: [], versionedRoot: root.url)
        #expect(found.directory.path == root.url.appendingPathComponent("15/bin").path)
    }

    @Test("default directory: ALVH_HOME, else XDG_DATA_HOME/alvh, else ~/.local/share/alvh")
    func defaultDirectory() {
        let all = ["ALVH_HOME": "/srv/ledger", "XDG_DATA_HOME": "/data", "HOME": "/srv/trader"]
        #expect(LocalCluster.defaultDirectory(environment: all).path == "/srv/ledger")
        var noHome = all
        noHome["ALVH_HOME"] = nil
        #expect(LocalCluster.defaultDirectory(environment: noHome).path == "/data/alvh")
        noHome["XDG_DATA_HOME"] = ""
        #expect(LocalCluster.defaultDirectory(environment: noHome).path == "/srv/trader/.local/share/alvh")
    }

    @Test("a deep home keeps the socket path under the 107-byte limit; paths with spaces are quoted")
    func socketPathAndQuoting() throws {
        // Laid out for a server running as the caller (the non-root case), where the root is the home itself.
        let deep = URL(fileURLWithPath: "/tmp/" + String(repeating: "very-long-directory-name/", count: 5) + "alvh")
        let layout = LocalClusterLayout.resolve(home: deep, account: .current)
        #expect(layout.dataDirectory.path == deep.path + "/data")
        #expect(layout.socketFile.path.utf8.count <= 107)
        #expect(layout.socketDirectory.path.hasPrefix("/tmp/alvh-"))
        let short = LocalClusterLayout.resolve(home: URL(fileURLWithPath: "/srv/alvh"), account: .current)
        #expect(short.socketDirectory.path == "/srv/alvh/run")

        let spaced = LocalClusterLayout.resolve(home: URL(fileURLWithPath: "/tmp/my ledger's home"), account: .current)
        #expect(LocalCluster.keywordString(spaced) == #"host='/tmp/my ledger\'s home/run' port=5432 user=alvh dbname=alvh"#)
        #expect(LocalCluster.keywordValue("/tmp/plain") == "/tmp/plain")
        #expect(LocalCluster.keywordString(short, database: "postgres") == "host=/srv/alvh/run port=5432 user=alvh dbname=postgres")
    }
}

// MARK: - Helpers

/// A directory under the system temporary directory, removed by `remove()`.
private struct TemporaryHome {
    let url: URL

    init(mode: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-cluster-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func fakeBin(_ version: String, programs: [String]) throws {
        let bin = url.appendingPathComponent(version).appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for program in programs {
            _ = FileManager.default.createFile(atPath: bin.appendingPathComponent(program).path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        }
    }
}

/// Collects results from concurrent work.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<LocalClusterAction, Error>] = []
    func append(_ result: Result<LocalClusterAction, Error>) { lock.withLock { results.append(result) } }
    var all: [Result<LocalClusterAction, Error>] { lock.withLock { results } }
}

/// Runs one SQL command through the real `psql` on the cluster's connection string; returns its output.
@discardableResult
private func psql(_ cluster: LocalCluster, _ sql: String) throws -> String {
    let result = try ServerCommand(
        executable: try PostgresBinaries.locate().program("psql"),
        arguments: ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", cluster.connectionString, "-c", sql]
    ).run()
    #expect(result.status == 0, "psql failed: \(sql): \(result.standardError)")
    return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
}
