import PostgresClient

/// A connection string with `application_name` set, so a test can find that client's server
/// process in `pg_stat_activity` (to watch it, or to terminate it).
func connectionString(_ base: String, applicationName: String) throws -> String {
    ConnectionString.build(try ConnectionString.parse(base).filter { $0.key != "application_name" } + [("application_name", applicationName)])
}
