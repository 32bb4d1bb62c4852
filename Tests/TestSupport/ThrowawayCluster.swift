import EventStore
import Foundation

/// A throwaway PostgreSQL cluster for one test run: the product's own `LocalCluster` (Unix socket
/// only, trust auth, user `alvh`, run as the `postgres` user when the tests run as root) in a
/// temporary directory, destroyed when the test process exits. Returns the admin connection string.
public func startThrowawayCluster() throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("alvh-test-pg-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
    let cluster = LocalCluster(directory: directory)
    try cluster.prepare()
    ThrowawayClusterStopper.register(cluster)
    return cluster.connectionString(database: "postgres")
}

private enum ThrowawayClusterStopper {
    nonisolated(unsafe) static var cluster: LocalCluster?

    static func register(_ cluster: LocalCluster) {
        self.cluster = cluster
        atexit {
            try? ThrowawayClusterStopper.cluster?.destroy()
        }
    }
}
