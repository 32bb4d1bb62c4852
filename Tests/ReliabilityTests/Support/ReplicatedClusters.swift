@testable import EventStore
import Foundation
import PostgresClient

/// A primary (`PrivateCluster`) and a hot standby made from it with `pg_basebackup -R`, streaming
/// WAL over the primary's Unix socket — the setup a desk runs, on one machine. The standby lives in
/// a temporary directory of the server's account; both are destroyed by `destroy()`.
///
/// The standby is asynchronous until `makeSynchronous()` sets `synchronous_standby_names = '*'` on
/// the primary (after the base backup, so a promoted standby does not wait for a standby of its own).
final class ReplicatedClusters: @unchecked Sendable {
    let primary: PrivateCluster
    /// Owned by the server's account: `data/`, `run/` (the socket) and `standby.log`.
    let standbyRoot: URL
    let account: ServerAccount
    let binaries: PostgresBinaries
    /// The standby's `primary_conninfo` as `pg_basebackup -R` wrote it.
    private(set) var streamingConnInfo = ""

    init() throws {
        primary = try PrivateCluster()
        account = try ServerAccount.forServer()
        binaries = try PostgresBinaries.locate()
        standbyRoot = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-standby-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try makeStandby()
        } catch {
            destroy()
            throw error
        }
    }

    var standbyData: URL { standbyRoot.appendingPathComponent("data") }
    var standbySocket: URL { standbyRoot.appendingPathComponent("run") }
    var primarySocket: URL { primary.cluster.status().socketDirectory }

    /// The primary's `alvh` database.
    var primaryURL: String { primary.connectionString }
    /// The standby's `alvh` database.
    var standbyURL: String { "host=\(standbySocket.path) port=\(LocalClusterLayout.port) user=alvh dbname=alvh" }
    /// Both, primary first, as a desk configures the ledger: libpq takes the first that accepts writes.
    var multiHostURL: String {
        "host=\(primarySocket.path),\(standbySocket.path) port=\(LocalClusterLayout.port) user=alvh dbname=alvh target_session_attrs=read-write"
    }

    private func makeStandby() throws {
        for directory in [standbyRoot, standbySocket] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try account.takeOwnership(of: directory)
        }
        try server("pg_basebackup", ["-D", standbyData.path, "-h", primarySocket.path, "-p", String(LocalClusterLayout.port),
                                     "-U", LocalCluster.userName, "-R", "-X", "stream", "-c", "fast"])
        // The copied alvh.conf names the primary's socket; the standby listens on its own.
        let settings = standbyData.appendingPathComponent(ClusterSettings.fileName)
        try Data(ClusterSettings(socketDirectory: standbySocket, port: LocalClusterLayout.port).fileText.utf8).write(to: settings)
        try account.takeOwnership(of: settings)
        try startStandby()
        streamingConnInfo = try onStandby { try $0.query("SHOW primary_conninfo").scalar(String.self) }
    }

    /// Starts the standby and waits until it accepts read-only sessions.
    func startStandby() throws {
        try server("pg_ctl", ["-D", standbyData.path, "-l", standbyRoot.appendingPathComponent("standby.log").path, "-w", "-t", "60", "-s", "start"])
    }

    /// `synchronous_standby_names = '*'` on the primary; waits until the standby is its synchronous one.
    func makeSynchronous() throws {
        try onPrimary { connection in
            try connection.execute("ALTER SYSTEM SET synchronous_standby_names = '*'")
            try connection.execute("SELECT pg_reload_conf()")
            try Self.waitUntil("the standby is synchronous") {
                try connection.query("SELECT count(*)::int8 FROM pg_stat_replication WHERE sync_state = 'sync'").scalar(Int64.self) == 1
            }
        }
    }

    /// Cuts the standby off from the primary (an empty `primary_conninfo`): what a network partition
    /// or a lagging link does. Waits until the primary has no standby streaming.
    func disconnectStandby() throws {
        try onStandby { try $0.execute("ALTER SYSTEM SET primary_conninfo = ''"); try $0.execute("SELECT pg_reload_conf()") }
        try onPrimary { connection in
            try Self.waitUntil("the standby is disconnected") {
                try connection.query("SELECT count(*)::int8 FROM pg_stat_replication").scalar(Int64.self) == 0
            }
        }
    }

    /// Lets the standby stream again (the `primary_conninfo` of the base backup). ALTER SYSTEM takes
    /// no parameters: the server quotes the value itself (`format('%L')`).
    func reconnectStandby() throws {
        try onStandby { connection in
            let statement = try connection.query("SELECT format('ALTER SYSTEM SET primary_conninfo = %L', $1::text)", [streamingConnInfo]).scalar(String.self)
            try connection.execute(statement)
            try connection.execute("SELECT pg_reload_conf()")
        }
    }

    /// Waits until the standby has replayed everything the primary has written.
    func waitUntilReplayed() throws {
        let target = try onPrimary { try $0.query("SELECT pg_current_wal_lsn()::text").scalar(String.self) }
        try onStandby { connection in
            try Self.waitUntil("the standby replays up to \(target)") {
                try connection.query("SELECT pg_last_wal_replay_lsn() >= $1::text::pg_lsn", [target]).scalar(Bool.self)
            }
        }
    }

    /// `pg_ctl stop -m immediate` on the primary: the machine is gone.
    func killPrimary() throws {
        try primary.stopImmediately()
    }

    /// `pg_ctl promote`: the standby becomes the primary (waits until it accepts writes).
    func promoteStandby() throws {
        try server("pg_ctl", ["-D", standbyData.path, "-w", "-t", "60", "-s", "promote"])
    }

    func destroy() {
        _ = try? ServerCommand(executable: binaries.program("pg_ctl"), arguments: ["-D", standbyData.path, "-m", "immediate", "-s", "stop"],
                               account: account).run()
        try? FileManager.default.removeItem(at: standbyRoot)
        primary.destroy()
    }

    func onPrimary<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try PostgresConnection(connectionString: primaryURL)
        defer { connection.close() }
        return try body(connection)
    }

    func onStandby<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try PostgresConnection(connectionString: standbyURL)
        defer { connection.close() }
        return try body(connection)
    }

    private func server(_ program: String, _ arguments: [String]) throws {
        try ServerCommand(executable: binaries.program(program), arguments: arguments, account: account).check()
    }

    /// Polls `condition` every 20 ms for up to 60 s.
    static func waitUntil(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else { throw RunningProcess.ChildFailure(description: "timed out waiting until \(what)") }
            usleep(20_000)
        }
    }
}
