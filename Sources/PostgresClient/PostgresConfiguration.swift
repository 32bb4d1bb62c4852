import Foundation

/// Session defaults the client applies when the connection string (or the `PG*` environment)
/// does not set them. Values are in seconds; 0 disables a timeout.
///
/// The tool's defaults: connect in at most 5 s (an unreachable server fails fast); a statement may
/// run 60 s; waiting for a lock (e.g. the ledger head another writer holds) gives up after 5 s; a
/// session idle inside a transaction for 30 s is ended by the server, so a stuck client cannot hold
/// the ledger head. Timeouts travel in libpq's `options` (`-c name=value`), so they cost no round trip.
public struct PostgresConfiguration: Sendable, Equatable {
    public var connectTimeout: Int
    public var statementTimeout: Int
    public var lockTimeout: Int
    public var idleInTransactionSessionTimeout: Int
    public var applicationName: String

    public init(connectTimeout: Int = 5, statementTimeout: Int = 60, lockTimeout: Int = 5, idleInTransactionSessionTimeout: Int = 30, applicationName: String = "alvh") {
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
        self.idleInTransactionSessionTimeout = idleInTransactionSessionTimeout
        self.applicationName = applicationName
    }

    /// The libpq parameters for `connectionString` with these defaults filled in where it is silent.
    func parameters(for connectionString: String, environment: [String: String]) throws -> [(key: String, value: String)] {
        var parameters = try ConnectionString.parse(connectionString)
        let keys = Set(parameters.map(\.key))
        if !keys.contains("connect_timeout"), environment["PGCONNECT_TIMEOUT"] == nil, connectTimeout > 0 {
            parameters.append(("connect_timeout", String(connectTimeout)))
        }
        if !keys.contains("application_name"), environment["PGAPPNAME"] == nil {
            parameters.append(("application_name", applicationName))
        }
        if !keys.contains("client_encoding") {
            parameters.append(("client_encoding", "UTF8"))
        }
        var options: [String] = []
        if let existing = parameters.first(where: { $0.key == "options" })?.value ?? environment["PGOPTIONS"], !existing.isEmpty {
            options.append(existing)
        }
        // Earlier settings win over later ones? No: the last -c for a name wins, so the caller's
        // own options (placed after ours) take precedence.
        let ours = [
            "-c statement_timeout=\(statementTimeout * 1000)",
            "-c lock_timeout=\(lockTimeout * 1000)",
            "-c idle_in_transaction_session_timeout=\(idleInTransactionSessionTimeout * 1000)",
        ]
        options.insert(contentsOf: ours, at: 0)
        parameters.removeAll { $0.key == "options" }
        parameters.append(("options", options.joined(separator: " ")))
        return parameters
    }
}
