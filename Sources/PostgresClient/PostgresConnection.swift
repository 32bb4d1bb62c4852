import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One session with PostgreSQL through libpq. Not thread-safe: use one connection per thread.
///
/// Every value travels as a bound parameter; results come back in binary format and decode into
/// Swift types (`PostgresDecodable`).
public final class PostgresConnection {
    let handle: OpaquePointer
    private let noticeBox = NoticeBox()
    private(set) var isClosed = false
    /// Statements prepared on this session, by SQL and parameter types (see `queryPrepared`).
    var preparedStatements: [PreparedKey: String] = [:]
    var preparedStatementsCreated = 0

    /// Connects with a URL (`postgresql://user@host/db?…`), a libpq keyword string
    /// (`host=… dbname=…`), or, when `connectionString` is empty, the standard `PG*` variables.
    /// Throws `.invalidConnectionString` for a malformed string and `.connectionFailed` when the
    /// server cannot be reached within the connect timeout (see `PostgresConfiguration`).
    public init(connectionString: String = "", configuration: PostgresConfiguration = PostgresConfiguration()) throws {
        let parameters = try configuration.parameters(for: connectionString, environment: ProcessInfo.processInfo.environment)
        let connection: OpaquePointer? = withCStrings(parameters.map(\.key)) { keys in
            withCStrings(parameters.map(\.value)) { values in
                PQconnectdbParams(keys, values, 0)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connectionFailed, message: "could not connect to the database: out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingTrailingWhitespace()
            PQfinish(connection)
            throw PostgresError(kind: .connectionFailed, message: "could not connect to the database: " + message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; "))
        }
        handle = connection
        PQsetNoticeReceiver(connection, { argument, result in
            guard let argument, let result else { return }
            let box = Unmanaged<NoticeBox>.fromOpaque(argument).takeUnretainedValue()
            box.append(String(cString: PQresultErrorMessage(result)).trimmingTrailingWhitespace())
        }, Unmanaged.passUnretained(noticeBox).toOpaque())
    }

    deinit {
        if !isClosed { PQfinish(handle) }
    }

    /// Closes the session; the object is unusable afterwards.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        PQfinish(handle)
    }

    /// NOTICE and WARNING messages the server sent on this session (the most recent 100).
    public var notices: [String] { noticeBox.messages }

    /// True while the session is usable.
    public var isConnected: Bool { !isClosed && PQstatus(handle) == CONNECTION_OK }

    /// The server process id of this session (for `pg_terminate_backend` and logs).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Whether a transaction block is open.
    public var transactionStatus: TransactionStatus {
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: .idle
        case PQTRANS_INTRANS: .inTransaction
        case PQTRANS_INERROR: .failedTransaction
        case PQTRANS_ACTIVE: .active
        default: .unknown
        }
    }

    public enum TransactionStatus: Sendable { case idle, inTransaction, failedTransaction, active, unknown }

    // MARK: Statements

    /// Runs one statement with bound parameters (`$1`, `$2`, …) and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> PostgresResult {
        try checkOpen()
        let bindings = parameters.map(\.postgresBinding)
        let result = withBindings(bindings) { count, types, values, lengths, formats in
            PQexecParams(handle, sql, count, types, values, lengths, formats, 1)
        }
        return try check(result, sql: sql)
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try query(sql, parameters).affectedRows
    }

    /// Runs a script of one or more statements separated by semicolons, without parameters
    /// (migrations). Statements run in one implicit transaction unless the script manages its own.
    public func executeScript(_ script: String) throws {
        try checkOpen()
        var last: OpaquePointer? = PQexec(handle, script)
        // PQexec returns the last result; earlier errors stop the script and are returned.
        guard let result = last else { throw connectionError() }
        last = nil
        let status = PQresultStatus(result)
        if status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR {
            let error = makeError(result)
            PQclear(result)
            throw error
        }
        PQclear(result)
    }

    /// Runs `body` inside BEGIN … COMMIT; rolls back and rethrows when `body` throws.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if isConnected { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Quotes an identifier (channel, table) for the rare statements that cannot take parameters.
    public func quoteIdentifier(_ identifier: String) throws -> String {
        try checkOpen()
        guard let quoted = PQescapeIdentifier(handle, identifier, identifier.utf8.count) else {
            throw PostgresError(kind: .misuse, message: "cannot quote identifier: " + String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace())
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    // MARK: Internals shared by the extensions

    func checkOpen() throws {
        if isClosed { throw PostgresError(kind: .misuse, message: "the connection is closed") }
    }

    /// Turns a result into a PostgresResult, or throws the error it carries.
    func check(_ result: OpaquePointer?, sql: String) throws -> PostgresResult {
        guard let result else { throw connectionError() }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return PostgresResult(handle: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            throw PostgresError(kind: .misuse, message: "COPY must go through copyIn/copyOut")
        default:
            let error = makeError(result)
            PQclear(result)
            throw error
        }
    }

    func makeError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field("C")
        var message = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingWhitespace()
        if message.isEmpty { message = String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace() }
        let error = PostgresError(kind: .statementFailed, sqlState: sqlState, message: message, detail: field("D"), hint: field("H"),
                                  constraint: field("n"))
        return classified(error)
    }

    /// An error libpq raised itself (no SQLSTATE from the server) while the connection is gone, or
    /// that says the server closed it, is a lost connection, not a failed statement. In pipeline
    /// mode the error result can arrive before the connection's status turns bad, so callers
    /// classify again when they throw.
    func classified(_ error: PostgresError) -> PostgresError {
        guard error.kind == .statementFailed, error.sqlState == nil else { return error }
        let lost = PQstatus(handle) != CONNECTION_OK
            || error.message.contains("server closed the connection")
            || error.message.contains("no connection to the server")
        guard lost else { return error }
        var connectionError = error
        connectionError.kind = .connectionFailed
        return connectionError
    }

    func connectionError() -> PostgresError {
        let message = String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
        return PostgresError(kind: .connectionFailed, message: "lost the connection to the database: " + (message.isEmpty ? "no response" : message))
    }

    /// Lays out bound parameters for libpq: text values NUL-terminated, binary with lengths.
    func withBindings<R>(_ bindings: [PostgresBinding], _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        let count = bindings.count
        if count == 0 { return body(0, nil, nil, nil, nil) }
        var types = [Oid](repeating: 0, count: count)
        var lengths = [Int32](repeating: 0, count: count)
        var formats = [Int32](repeating: 0, count: count)
        var offsets = [Int](repeating: -1, count: count)
        var storage: [UInt8] = []
        storage.reserveCapacity(bindings.reduce(0) { $0 + ($1.bytes?.count ?? 0) + 1 })
        for (index, binding) in bindings.enumerated() {
            types[index] = Oid(binding.typeOID)
            formats[index] = binding.isBinary ? 1 : 0
            guard let bytes = binding.bytes else { continue }
            offsets[index] = storage.count
            lengths[index] = Int32(bytes.count)
            storage.append(contentsOf: bytes)
            storage.append(0)
        }
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = offsets.map { $0 < 0 ? nil : base + $0 }
            return values.withUnsafeBufferPointer { valuePointers in
                body(Int32(count), types, valuePointers.baseAddress, lengths, formats)
            }
        }
    }
}

/// Collects server notices (called by libpq on the connection's thread).
final class NoticeBox: @unchecked Sendable {
    private(set) var messages: [String] = []
    func append(_ message: String) {
        messages.append(message)
        if messages.count > 100 { messages.removeFirst(messages.count - 100) }
    }
}

func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}
