import Foundation

/// What `LocalCluster.status()` found, read from files only (no server process is spawned).
public struct LocalClusterStatus: Sendable, Equatable {
    /// The lifecycle state of the cluster.
    public enum State: String, Sendable, Equatable {
        /// No data directory has been initialised yet.
        case notCreated = "not created"
        /// The data directory exists but no server is running on it.
        case stopped
        /// A server is running and accepting connections on its Unix socket.
        case running
    }

    public var state: State
    /// The postmaster's process id when running.
    public var pid: Int32?
    /// The directory `ALVH_HOME` points at (where the cluster is configured).
    public var home: URL
    /// The PostgreSQL data directory (`PGDATA`).
    public var dataDirectory: URL
    /// The directory holding the server's Unix socket.
    public var socketDirectory: URL
    /// The server log.
    public var logFile: URL
    /// The cluster's PostgreSQL major version (from `PG_VERSION`), once created.
    public var serverVersion: String?
    /// The libpq keyword string that reaches the `alvh` database.
    public var connectionString: String
}

/// What `LocalCluster.prepare()` had to do to get a running server.
public enum LocalClusterAction: String, Sendable, Equatable {
    /// The cluster did not exist: it was initialised and started.
    case created
    /// The cluster existed but was stopped: it was started.
    case started
    /// The server was already running: nothing was done.
    case alreadyRunning = "already running"
}
