import EventStore
import Foundation

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
        case .databaseURL(let value):
            return DatabaseStatusReport(source: "DATABASE_URL", connection: MaskedConnectionString.mask(value),
                                        server: ServerReadiness.check(value, timeoutSeconds: timeoutSeconds, environment: environment).rawValue)
        case .libpqEnvironment:
            let shown = environment.filter { ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSSLMODE"].contains($0.key) }
            return DatabaseStatusReport(source: "PG environment", environment: shown,
                                        server: ServerReadiness.check("", timeoutSeconds: timeoutSeconds, environment: environment).rawValue)
        case .embedded(let home):
            return DatabaseStatusReport(source: "embedded", cluster: ClusterReport(LocalCluster(directory: home).status(), action: nil))
        }
    }

    var text: String {
        if let cluster { return cluster.text }
        let serverLine = server.map { "\n  server: \($0)" } ?? ""
        if let connection { return "database: \(connection) (from \(source))" + serverLine }
        let variables = (environment ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "database: from the libpq environment (\(variables.joined(separator: " ")))" + serverLine
    }

    /// The one-line error `db status` ends with when the configured server does not answer.
    var unavailableFailure: CLIFailure {
        CLIFailure(.databaseUnavailable, "database unavailable: \(connection ?? "the PG* environment") (\(server ?? "unknown"))")
    }

    func json() throws -> String {
        try JSONText.encode(self)
    }
}
