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
    /// The embedded cluster, when that is the database.
    var cluster: ClusterReport?

    /// Reads the configuration (no server is started or contacted).
    static func make(database: String?, environment: [String: String]) throws -> DatabaseStatusReport {
        switch try DatabaseTarget.resolve(database: database, environment: environment) {
        case .option(let value):
            return DatabaseStatusReport(source: "--database", connection: MaskedConnectionString.mask(value))
        case .databaseURL(let value):
            return DatabaseStatusReport(source: "DATABASE_URL", connection: MaskedConnectionString.mask(value))
        case .libpqEnvironment:
            let shown = environment.filter { ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSSLMODE"].contains($0.key) }
            return DatabaseStatusReport(source: "PG environment", environment: shown)
        case .embedded(let home):
            return DatabaseStatusReport(source: "embedded", cluster: ClusterReport(LocalCluster(directory: home).status(), action: nil))
        }
    }

    var text: String {
        if let cluster { return cluster.text }
        if let connection { return "database: \(connection) (from \(source))" }
        let variables = (environment ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "database: from the libpq environment (\(variables.joined(separator: " ")))"
    }

    func json() throws -> String {
        try JSONText.encode(self)
    }
}
