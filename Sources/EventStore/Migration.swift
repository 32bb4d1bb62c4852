import Foundation
import PostgresClient

/// One SQL file embedded into the binary: a schema migration (`schema/NNNN_*.sql`, applied once,
/// never changed) or the live definition of a store function (`schema/functions/NAME.sql`, applied
/// again whenever its text changes).
public struct Migration: Sendable, Equatable {
    /// File name, e.g. `0001_events.sql` or `alvh_append.sql`; files apply in name order.
    public var name: String
    public var sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// Lower-case hex sha256 of the SQL text's UTF-8 bytes, recorded when applied.
    public var checksum: String { SHA256.hexHash(Array(sql.utf8)) }

    /// The migrations this build carries (from `schema/`, embedded at build time).
    public static var embedded: [Migration] { EmbeddedMigrations.all }

    /// The store functions' current definitions this build carries (from `schema/functions/`).
    public static var embeddedFunctions: [Migration] { EmbeddedFunctions.all }
}

/// Why migrating was refused.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// An applied migration's text differs from the one this build carries.
    case checksumMismatch(name: String, applied: String, embedded: String)
    /// The database has a migration this build does not know (it was migrated by a newer alvh).
    case unknownMigration(name: String)

    public var description: String {
        switch self {
        case let .checksumMismatch(name, applied, embedded):
            "migration \(name) was changed after it was applied (applied checksum \(applied.prefix(12))…, this build \(embedded.prefix(12))…): applied migrations must never change; add a new migration instead"
        case let .unknownMigration(name):
            "the database has migration \(name), which this build of alvh does not know: use a newer alvh"
        }
    }
}

/// Applies migrations in name order, one transaction each, recorded with name and checksum in
/// `alvh_schema_migrations`; then the function files whose text changed since they were last
/// applied, all in one transaction, recorded in `alvh_schema_functions` (see
/// `schema/0004_lean_append.sql`). Concurrent migrators wait on an advisory lock.
public struct Migrator {
    public let connection: PostgresConnection
    public let migrations: [Migration]
    /// Function definitions applied after the migrations (none unless given).
    public let functions: [Migration]

    /// The migrations and function definitions this build carries.
    public init(connection: PostgresConnection) {
        self.init(connection: connection, migrations: Migration.embedded, functions: Migration.embeddedFunctions)
    }

    public init(connection: PostgresConnection, migrations: [Migration], functions: [Migration] = []) {
        self.connection = connection
        self.migrations = migrations.sorted { $0.name < $1.name }
        self.functions = functions.sorted { $0.name < $1.name }
    }

    /// Advisory lock key for migrations (arbitrary constant: "alvh" in ASCII).
    static let lockKey: Int64 = 0x616c_7668

    /// Applies what is missing or changed; returns the names of the migrations applied now (empty
    /// when up to date). Throws `MigrationError` before applying anything when an applied migration
    /// was changed.
    @discardableResult
    public func migrate() throws -> [String] {
        try run().migrations
    }

    /// What one run applied, in order.
    public struct Run: Sendable, Equatable {
        public var migrations: [String]
        public var functions: [String]

        public init(migrations: [String], functions: [String]) {
            self.migrations = migrations
            self.functions = functions
        }
    }

    /// `migrate()`, also naming the function files applied now.
    public func run() throws -> Run {
        try connection.execute("SELECT pg_advisory_lock($1)", [Migrator.lockKey])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [Migrator.lockKey]) }
        // Created only when missing: a role without CREATE on the schema (alvh_app) can still check
        // that the ledger is up to date.
        let hasTable = try connection.query("SELECT to_regclass('alvh_schema_migrations') IS NOT NULL").scalar(Bool.self)
        if !hasTable { try connection.executeScript("""
            SET client_min_messages = warning;
            CREATE TABLE IF NOT EXISTS alvh_schema_migrations (
                name       text        NOT NULL PRIMARY KEY,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            RESET client_min_messages;
            """) }
        let applied = try appliedMigrations()
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        for (name, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[name] else { throw MigrationError.unknownMigration(name: name) }
            if migration.checksum != checksum {
                throw MigrationError.checksumMismatch(name: name, applied: checksum, embedded: migration.checksum)
            }
        }
        var appliedNow: [String] = []
        for migration in migrations where applied[migration.name] == nil {
            try connection.transaction {
                // Migrations may build indexes on large tables: no statement timeout here.
                try connection.execute("SET LOCAL statement_timeout = 0")
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO alvh_schema_migrations (name, checksum) VALUES ($1, $2)", [migration.name, migration.checksum])
            }
            appliedNow.append(migration.name)
        }
        return Run(migrations: appliedNow, functions: try applyChangedFunctions())
    }

    /// Applied migrations: name → checksum.
    public func appliedMigrations() throws -> [String: String] {
        let result = try connection.query("SELECT name, checksum FROM alvh_schema_migrations")
        var applied: [String: String] = [:]
        for row in result.rows { applied[try row.decode(String.self, 0)] = try row.decode(String.self, 1) }
        return applied
    }
}
