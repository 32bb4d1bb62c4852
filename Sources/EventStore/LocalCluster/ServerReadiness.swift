import Foundation

/// Whether a PostgreSQL server accepts connections, as PostgreSQL's own `pg_isready` reports it. Used by
/// `alvh db status` for a configured database; it never waits longer than the timeout.
public enum ServerReadiness: String, Sendable, Equatable {
    case accepting = "accepting connections"
    case rejecting = "rejecting connections"
    case noResponse = "no response"
    case invalidParameters = "invalid connection parameters"
    /// `pg_isready` is not installed, so nothing was checked.
    case notChecked = "not checked (pg_isready not found)"

    /// Runs `pg_isready` on `connectionString` (empty: libpq's `PG*` variables from `environment`).
    ///
    /// - Parameter timeoutSeconds: how long to wait for an answer (at least 1 second).
    public static func check(_ connectionString: String, timeoutSeconds: Int = 3, environment: [String: String]) -> ServerReadiness {
        guard let program = locateProgram(environment: environment) else { return .notChecked }
        var arguments = ["-q", "-t", String(max(1, timeoutSeconds))]
        if !connectionString.isEmpty { arguments += ["-d", connectionString] }
        var command = ServerCommand(executable: program, arguments: arguments)
        command.environment = environment
        guard let result = try? command.run() else { return .notChecked }
        switch result.status {
        case 0: return .accepting
        case 1: return .rejecting
        case 2: return .noResponse
        default: return .invalidParameters
        }
    }

    private static func locateProgram(environment: [String: String]) -> URL? {
        if let binaries = try? PostgresBinaries.locate(searchPath: PostgresBinaries.executableSearchPath(environment: environment)),
           FileManager.default.isExecutableFile(atPath: binaries.program("pg_isready").path) {
            return binaries.program("pg_isready")
        }
        return PostgresBinaries.executableSearchPath(environment: environment).lazy
            .map { URL(fileURLWithPath: $0).appendingPathComponent("pg_isready") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
