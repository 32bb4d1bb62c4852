import EventStore
import Foundation

/// Where the ledger's database is. alvh looks, in order, at `--database`, `DATABASE_URL`, the libpq
/// `PG*` variables (`PGHOST` or `PGDATABASE` set: libpq reads them itself), and otherwise uses the
/// embedded cluster under `ALVH_HOME`, which it creates and starts when needed.
enum DatabaseTarget {
    /// The place a connection string comes from.
    enum Source: Equatable {
        /// `--database URL` on the command line.
        case option(String)
        /// The `DATABASE_URL` environment variable.
        case databaseURL(String)
        /// `PGHOST` / `PGDATABASE` (and the other `PG*` variables), read by libpq.
        case libpqEnvironment
        /// The private cluster under this `ALVH_HOME`.
        case embedded(home: URL)
    }

    /// The libpq connection string for the command's database (empty when libpq should read `PG*`),
    /// starting the embedded cluster if that is the target. Says once on stderr when it had to create or
    /// start the cluster.
    static func connectionString(for global: GlobalOptions) throws -> String {
        try connectionString(for: global, environment: ProcessInfo.processInfo.environment) { notice in
            FileHandle.standardError.write(Data((notice + "\n").utf8))
        }
    }

    /// As `connectionString(for:)`, with the environment and the notice printer given (for tests).
    static func connectionString(
        for global: GlobalOptions,
        environment: [String: String],
        notice: (String) -> Void
    ) throws -> String {
        switch try resolve(database: global.database, environment: environment) {
        case .option(let value), .databaseURL(let value):
            return value
        case .libpqEnvironment:
            return ""
        case .embedded(let home):
            let cluster = LocalCluster(directory: home)
            let action: LocalClusterAction
            do {
                action = try cluster.prepare()
            } catch {
                throw embeddedFailure(error, home: home)
            }
            if action != .alreadyRunning {
                notice("alvh: using the embedded PostgreSQL cluster in \(home.path) (\(action.rawValue))")
            }
            return cluster.connectionString
        }
    }

    /// Picks the source by precedence and rejects values that are plainly not connection strings.
    static func resolve(database: String?, environment: [String: String]) throws -> Source {
        if let database {
            try validate(database, field: "--database")
            return .option(database)
        }
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            try validate(url, field: "DATABASE_URL")
            return .databaseURL(url)
        }
        if environment["PGHOST"].map({ !$0.isEmpty }) == true || environment["PGDATABASE"].map({ !$0.isEmpty }) == true {
            return .libpqEnvironment
        }
        return .embedded(home: LocalCluster.defaultDirectory(environment: environment))
    }

    /// A value must be a `postgres://` / `postgresql://` URL or a libpq `keyword=value` string. Anything
    /// subtler is left for libpq to reject with its own message.
    static func validate(_ value: String, field: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        let isURL = lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
        let isKeywordString = trimmed.contains("=") && !trimmed.hasPrefix("=")
        guard isURL || isKeywordString else {
            throw CLIFailure.invalid(field, trimmed.isEmpty
                ? "must not be empty; give a postgresql:// URL or a libpq keyword string such as 'host=/var/run/postgresql dbname=alvh'"
                : "must be a postgresql:// URL or a libpq keyword string such as 'host=/var/run/postgresql dbname=alvh'")
        }
    }

    /// An embedded-cluster problem as the CLI reports it: the database is unavailable (exit 4).
    static func embeddedFailure(_ error: Error, home: URL) -> CLIFailure {
        if let failure = error as? CLIFailure { return failure }
        return CLIFailure(.databaseUnavailable, "embedded PostgreSQL cluster in \(home.path): \(error)")
    }
}
