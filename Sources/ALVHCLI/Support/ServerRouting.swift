import PostgresClient

/// How a command's purpose shapes the connection string when the database has standbys.
///
/// libpq tries the hosts of a URL in order (`host=h1,h2`) and keeps the first that satisfies
/// `target_session_attrs`. A command that writes needs the primary, so when the URL names several
/// hosts, or asks for a standby, it connects with `target_session_attrs=read-write`: after a failover
/// libpq then skips the dead and the read-only servers and finds the new primary. A command that
/// only reads follows `--read-from`, else the URL. A single-host string the command need not change
/// is passed through untouched. `environment` is where libpq reads `PGHOST` and the other `PG*`
/// variables when the string is empty.
enum ServerRouting {
    /// How many hosts the connection names (1 when it names none: the default socket).
    static func hostCount(_ connectionString: String, environment: [String: String]) throws -> Int {
        let parameters = try ConnectionString.parse(connectionString)
        let hosts = ["host", "hostaddr"].compactMap { key in
            parameters.last { $0.key == key }?.value ?? environment["PG" + key.uppercased()]
        }
        return hosts.map { $0.split(separator: ",", omittingEmptySubsequences: false).count }.max() ?? 1
    }

    /// How many hosts a database target names: the embedded cluster is one.
    static func hostCount(_ source: DatabaseTarget.Source, environment: [String: String]) throws -> Int {
        switch source {
        case .option(let value), .databaseURL(let value): try hostCount(value, environment: environment)
        case .libpqEnvironment: try hostCount("", environment: environment)
        case .embedded: 1
        }
    }

    /// The session attribute libpq will use: the string's, else `PGTARGETSESSIONATTRS`, else `any`.
    static func targetSessionAttributes(_ connectionString: String, environment: [String: String]) throws -> String {
        try ConnectionString.parse(connectionString).last { $0.key == "target_session_attrs" }?.value
            ?? environment["PGTARGETSESSIONATTRS"] ?? "any"
    }

    /// The connection string for a command that writes.
    static func forWriting(_ connectionString: String, environment: [String: String]) throws -> String {
        let attributes = try targetSessionAttributes(connectionString, environment: environment)
        if ["read-write", "primary"].contains(attributes) { return connectionString }
        let asksForStandby = ["prefer-standby", "standby", "read-only"].contains(attributes)
        let severalHosts = try hostCount(connectionString, environment: environment) > 1
        guard asksForStandby || severalHosts else { return connectionString }
        return try setting(connectionString, attributes: "read-write")
    }

    /// The connection string for a command that only reads.
    static func forReading(_ connectionString: String, preference: ReadPreference?) throws -> String {
        guard let preference else { return connectionString }
        return try setting(connectionString, attributes: preference.targetSessionAttributes)
    }

    /// `connectionString` (a URL or keyword string) as a keyword string with `target_session_attrs` set.
    static func setting(_ connectionString: String, attributes: String) throws -> String {
        let parameters = try ConnectionString.parse(connectionString).filter { $0.key != "target_session_attrs" }
        return ConnectionString.build(parameters + [("target_session_attrs", attributes)])
    }
}
