/// A five-character SQLSTATE, the server's error code, with the codes the tool branches on named as
/// in PostgreSQL's errcodes table (Appendix A of its manual), like postgres-nio's `PostgresError.Code`.
/// Callers compare `PostgresError.code` with these names, never with raw strings.
///
/// Codes outside this list still arrive intact (`SQLState("XX000")`); codes an application raises
/// itself (the store's `AL001`…) are named where they are defined.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The five characters, e.g. `23505`.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The class: the first two characters (`08` connection exception, `57` operator intervention).
    public var errorClass: String { String(rawValue.prefix(2)) }

    /// Class 08: the connection failed or was lost.
    public var isConnectionException: Bool { errorClass == "08" }

    public var description: String { rawValue }

    // MARK: Class 08 — connection exception
    public static let connectionException = SQLState("08000")
    public static let sqlClientUnableToEstablishSQLConnection = SQLState("08001")
    public static let connectionDoesNotExist = SQLState("08003")
    public static let sqlServerRejectedEstablishmentOfSQLConnection = SQLState("08004")
    public static let connectionFailure = SQLState("08006")
    public static let protocolViolation = SQLState("08P01")

    // MARK: Class 22 — data exception
    public static let invalidParameterValue = SQLState("22023")
    public static let invalidTextRepresentation = SQLState("22P02")

    // MARK: Class 23 — integrity constraint violation
    public static let uniqueViolation = SQLState("23505")
    public static let checkViolation = SQLState("23514")

    // MARK: Class 25 — invalid transaction state
    /// A write on a server that only reads: a hot standby, or a former primary after a failover.
    public static let readOnlySQLTransaction = SQLState("25006")
    public static let idleInTransactionSessionTimeout = SQLState("25P03")

    // MARK: Class 26 — invalid SQL statement name
    /// The prepared statement does not exist on this session (e.g. after `DISCARD ALL`).
    public static let invalidSQLStatementName = SQLState("26000")

    // MARK: Class 40 — transaction rollback
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")

    // MARK: Class 42 — syntax error or access rule violation
    public static let insufficientPrivilege = SQLState("42501")
    public static let syntaxError = SQLState("42601")
    public static let undefinedFunction = SQLState("42883")
    public static let undefinedTable = SQLState("42P01")

    // MARK: Class 53 — insufficient resources
    public static let tooManyConnections = SQLState("53300")

    // MARK: Class 55 — object not in prerequisite state
    public static let lockNotAvailable = SQLState("55P03")

    // MARK: Class 57 — operator intervention
    public static let queryCanceled = SQLState("57014")
    /// The server is shutting down (`pg_ctl stop -m fast`, `pg_terminate_backend`).
    public static let adminShutdown = SQLState("57P01")
    /// The server is restarting after another process crashed (`pg_ctl stop -m immediate` too).
    public static let crashShutdown = SQLState("57P02")
    /// The server is starting up or in recovery and not accepting sessions yet.
    public static let cannotConnectNow = SQLState("57P03")

    // MARK: Class P0 — PL/pgSQL error
    public static let raiseException = SQLState("P0001")
}
