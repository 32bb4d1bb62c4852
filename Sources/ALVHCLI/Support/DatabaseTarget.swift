import Foundation

/// Where the CLI's ledger lives. MINIMAL STAND-IN from the store branch: the cluster helper's version
/// (with the embedded cluster) replaces this file at merge.
enum DatabaseTarget {
    /// `--database`, else `DATABASE_URL`, else "" when `PGHOST`/`PGDATABASE` are set (libpq reads PG*).
    static func connectionString(for global: GlobalOptions) throws -> String {
        if let database = global.database { return database }
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["DATABASE_URL"], !url.isEmpty { return url }
        if environment["PGHOST"] != nil || environment["PGDATABASE"] != nil { return "" }
        throw CLIFailure(.databaseUnavailable, "no database configured: pass --database URL or set DATABASE_URL")
    }
}
