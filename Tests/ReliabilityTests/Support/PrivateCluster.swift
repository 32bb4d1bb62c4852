@testable import EventStore
import Foundation

/// A PostgreSQL cluster of the test's own (the product's `LocalCluster` in a temporary directory),
/// for tests that crash and restart the server. Never the shared development server.
final class PrivateCluster: @unchecked Sendable {
    let cluster: LocalCluster

    init() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-crash-\(UUID().uuidString.prefix(8).lowercased())")
        cluster = LocalCluster(directory: home)
        try cluster.prepare()
    }

    /// The cluster's `alvh` database.
    var connectionString: String { cluster.connectionString }

    /// `pg_ctl stop -m immediate`: every server process quits at once, without a checkpoint, as in
    /// a power cut; the next start runs crash recovery from the WAL.
    func stopImmediately() throws {
        let status = cluster.status()
        try ServerCommand(executable: try PostgresBinaries.locate().program("pg_ctl"),
                          arguments: ["-D", status.dataDirectory.path, "-m", "immediate", "-w", "-t", "60", "-s", "stop"],
                          account: try ServerAccount.forServer()).check()
    }

    /// Starts the server again (crash recovery included) and waits until it accepts sessions.
    func restart() throws {
        try cluster.prepare()
    }

    var isRunning: Bool { cluster.status().state == .running }

    /// Stops the server and removes every file of the cluster.
    func destroy() {
        try? cluster.destroy()
        try? FileManager.default.removeItem(at: cluster.directory)
    }
}
