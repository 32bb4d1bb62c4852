/// An error from PostgreSQL or from libpq, with the server's diagnostic fields when there are some.
public struct PostgresError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, broadly: callers branch on this, not on the message text.
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached, refused the session, or the connection broke.
        case connectionFailed
        /// The connection string itself is malformed (nothing was attempted).
        case invalidConnectionString
        /// The server rejected a statement; `sqlState` says why.
        case statementFailed
        /// A value could not be decoded into the requested Swift type.
        case decodingFailed
        /// The client was used in a way that is not supported (e.g. a COPY statement through `query`).
        case misuse
    }

    public var kind: Kind
    /// Five-character SQLSTATE (e.g. `23505` unique violation), when the server sent one. Branch on
    /// `code` instead, which names it.
    public var sqlState: String?
    /// The primary, human-readable message.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// Name of the constraint involved, when the server names one.
    public var constraint: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil, constraint: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
    }

    /// The SQLSTATE by name (`error.code == .uniqueViolation`), when the server sent one.
    public var code: SQLState? { sqlState.map(SQLState.init(rawValue:)) }

    /// The codes that say the server went away or is not taking sessions, whatever the statement.
    static let unavailableCodes: Set<SQLState> = [.adminShutdown, .crashShutdown, .cannotConnectNow, .tooManyConnections]

    /// True when the database is unavailable rather than the statement wrong: the connection
    /// could not be made or was lost, the server is shutting down or starting, or too many clients.
    public var isConnectionFailure: Bool {
        if kind == .connectionFailed { return true }
        guard let code else { return false }
        return code.isConnectionException || Self.unavailableCodes.contains(code)
    }

    /// True when the server refused a write because it only reads (`25006`): the session is on a hot
    /// standby, or on a primary that a failover turned into one. Another server may take the write.
    public var isReadOnlyServer: Bool { code == .readOnlySQLTransaction }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "; detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "; hint: \(hint)" }
        return text
    }
}
