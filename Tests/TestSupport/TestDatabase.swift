import EventStore
import Foundation
import PostgresClient

/// A fresh, uniquely named database for one test, created in the server named by
/// `ALVH_TEST_DATABASE_URL` (an admin URL), else in a throwaway cluster started once per test run.
/// Every database created is dropped (with its sessions) when the test process exits, not when the
/// object goes away: Swift may release an object right after its last use, while sessions on it
/// are still in use.
public final class TestDatabase: @unchecked Sendable {
    /// The database's name (`alvh_test_…`).
    public let name: String
    /// A libpq connection string for this database.
    public let connectionString: String
    private let adminConnectionString: String

    private init(name: String, connectionString: String, adminConnectionString: String) {
        self.name = name
        self.connectionString = connectionString
        self.adminConnectionString = adminConnectionString
    }

    /// Creates an empty database.
    public static func create() throws -> TestDatabase {
        let admin = try adminURL()
        let name = "alvh_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let connection = try PostgresConnection(connectionString: admin)
        defer { connection.close() }
        try connection.execute("CREATE DATABASE \(try connection.quoteIdentifier(String(name))) TEMPLATE template0 ENCODING 'UTF8'")
        CreatedDatabases.shared.register(name: String(name), admin: admin)
        return TestDatabase(name: String(name), connectionString: try ConnectionString.replacingDatabase(in: admin, with: String(name)), adminConnectionString: admin)
    }

    /// Creates a database and applies the store's migrations.
    public static func migrated() throws -> TestDatabase {
        let database = try create()
        let store = try EventStore.connect(database.connectionString)
        try store.migrate()
        store.connection.close()
        return database
    }

    /// A new session on this database.
    public func connect() throws -> PostgresConnection {
        try PostgresConnection(connectionString: connectionString)
    }

    /// A store on a new session of this database.
    public func store() throws -> EventStore {
        try EventStore.connect(connectionString)
    }

    /// Drops the database now (ending its sessions).
    public func drop() {
        CreatedDatabases.drop(name: name, admin: adminConnectionString)
    }

    /// The admin connection string: `ALVH_TEST_DATABASE_URL`, else a throwaway cluster.
    public static func adminURL() throws -> String {
        if let url = ProcessInfo.processInfo.environment["ALVH_TEST_DATABASE_URL"], !url.isEmpty { return url }
        return try ThrowawayCluster.shared.get()
    }
}

/// The databases this process created, dropped at exit.
final class CreatedDatabases: @unchecked Sendable {
    static let shared = CreatedDatabases()
    private let lock = NSLock()
    private var names: [(name: String, admin: String)] = []
    private var registered = false

    func register(name: String, admin: String) {
        lock.lock()
        defer { lock.unlock() }
        names.append((name, admin))
        if !registered {
            registered = true
            atexit { CreatedDatabases.shared.dropAll() }
        }
    }

    func dropAll() {
        lock.lock()
        let all = names
        names.removeAll()
        lock.unlock()
        for entry in all { CreatedDatabases.drop(name: entry.name, admin: entry.admin) }
    }

    static func drop(name: String, admin: String) {
        guard let connection = try? PostgresConnection(connectionString: admin),
              let quoted = try? connection.quoteIdentifier(name) else { return }
        _ = try? connection.execute("DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)")
        connection.close()
    }
}

/// Starts one throwaway cluster per test process (lazily, thread-safe) and stops it at exit.
final class ThrowawayCluster: @unchecked Sendable {
    static let shared = ThrowawayCluster()
    private let lock = NSLock()
    private var result: Result<String, Error>?

    func get() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if result == nil { result = Result { try startThrowawayCluster() } }
        return try result!.get()
    }
}
