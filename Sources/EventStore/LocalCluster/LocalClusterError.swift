import Foundation

/// Why the embedded PostgreSQL cluster could not be created, started, stopped or inspected.
public enum LocalClusterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No PostgreSQL server binaries (initdb, pg_ctl) were found; `searched` lists where we looked.
    case serverBinariesNotFound(searched: [String])
    /// Running as root, but the `postgres` system user that must own the server does not exist.
    case postgresUserMissing
    /// A server program failed; `output` holds the end of what it (or the server log) printed.
    case commandFailed(program: String, status: Int32, output: String)
    /// A file or directory of the cluster could not be prepared.
    case filesystem(path: String, reason: String)

    public var description: String {
        switch self {
        case .serverBinariesNotFound(let searched):
            return "no PostgreSQL server binaries (initdb, pg_ctl) found in \(searched.joined(separator: ", ")); "
                + "install Debian's `postgresql` package (apt-get install postgresql) "
                + "or set DATABASE_URL to an existing server"
        case .postgresUserMissing:
            return "running as root, the embedded cluster runs as the `postgres` system user, which does not exist; "
                + "install Debian's `postgresql` package or set DATABASE_URL"
        case .commandFailed(let program, let status, let output):
            let detail = output.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(program) failed (exit \(status))" + (detail.isEmpty ? "" : ": \(detail)")
        case .filesystem(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
