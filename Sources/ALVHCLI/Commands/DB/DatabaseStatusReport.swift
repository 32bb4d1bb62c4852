import EventStore
import Foundation
import PostgresClient

/// What `alvh db status` prints: the configured database (password masked), or the embedded cluster.
struct DatabaseStatusReport: Encodable, Equatable {
    /// `--database`, `DATABASE_URL`, `PG environment` or `embedded`.
    var source: String
    /// The configured connection string with any password replaced by `***`.
    var connection: String?
    /// The libpq variables in effect when the source is the PG environment (never PGPASSWORD).
    var environment: [String: String]?
    /// For a configured database: what `pg_isready` said (accepting connections, no response, …).
    var server: String?
    /// The embedded cluster, when that is the database.
    var cluster: ClusterReport?
    /// For a configured server that accepts connections: its role and replication.
    var replication: ReplicationStatus?

    /// A configured database that did not answer `pg_isready` with "accepting connections".
    var isUnavailable: Bool {
        guard let server else { return false }
        return server != ServerReadiness.accepting.rawValue && server != ServerReadiness.notChecked.rawValue
    }

    /// Reads the configuration. A configured server is asked whether it accepts connections (waiting at
    /// most `timeoutSeconds`); the embedded cluster is only inspected, never started.
    static func make(database: String?, environment: [String: String], timeoutSeconds: Int = 3) throws -> DatabaseStatusReport {
        switch try DatabaseTarget.resolve(database: database, environment: environment) {
        case .option(let value):
            return DatabaseStatusReport(source: "--database", connection: MaskedConnectionString.mask(value),
                                        server: ServerReadiness.check(value, timeoutSeconds: timeoutSeconds, environment: environment).rawValue)
                .withReplication(value, timeoutSeconds: timeoutSeconds)
        case .databaseURL(let value):
            return DatabaseStatusReport(source: "DATABASE_URL", connection: MaskedConnectionString.mask(value),
                                        server: ServerReadiness.check(value, timeoutSeconds: timeoutSeconds, environment: environment).rawValue)
                .withReplication(value, timeoutSeconds: timeoutSeconds)
        case .libpqEnvironment:
            let shown = environment.filter { ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSSLMODE"].contains($0.key) }
            return DatabaseStatusReport(source: "PG environment", environment: shown,
                                        server: ServerReadiness.check("", timeoutSeconds: timeoutSeconds, environment: environment).rawValue)
                .withReplication("", timeoutSeconds: timeoutSeconds)
        case .embedded(let home):
            return DatabaseStatusReport(source: "embedded", cluster: ClusterReport(LocalCluster(directory: home).status(), action: nil))
        }
    }

    /// This report with the server's replication status, when it accepts connections and answers
    /// within the timeout (otherwise unchanged: the readiness line says enough).
    func withReplication(_ connectionString: String, timeoutSeconds: Int) -> DatabaseStatusReport {
        guard server == ServerReadiness.accepting.rawValue,
              let connection = try? PostgresConnection(connectionString: connectionString,
                                                       configuration: PostgresConfiguration(connectTimeout: max(2, timeoutSeconds), statementTimeout: timeoutSeconds))
        else { return self }
        defer { connection.close() }
        var report = self
        report.replication = try? ReplicationStatus.read(connection)
        return report
    }

    var text: String {
        if let cluster { return cluster.text }
        let serverLine = server.map { "\n  server: \($0)" } ?? ""
        let replicationLines = replication.map { "\n" + $0.textLines.joined(separator: "\n") } ?? ""
        if let connection { return "database: \(connection) (from \(source))" + serverLine + replicationLines }
        let variables = (environment ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "database: from the libpq environment (\(variables.joined(separator: " ")))" + serverLine + replicationLines
    }

    /// The one-line error `db status` ends with when the configured server does not answer.
    var unavailableFailure: CLIFailure {
        CLIFailure(.databaseUnavailable, "database unavailable: \(connection ?? "the PG* environment") (\(server ?? "unknown"))")
    }

    func json() throws -> String {
        try JSONText.encode(self)
    }
}
