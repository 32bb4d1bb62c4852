import CLibPQ

/// The rows a statement returned, in binary format. Owns libpq's result and frees it.
public final class PostgresResult {
    let handle: OpaquePointer
    /// Number of rows returned.
    public let rowCount: Int
    public let columnCount: Int
    /// Column names in order.
    public let columnNames: [String]
    private let columnTypes: [UInt32]

    init(handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
        columnNames = (0..<Int(PQnfields(handle))).map { String(cString: PQfname(handle, Int32($0))) }
        columnTypes = (0..<Int(PQnfields(handle))).map { UInt32(PQftype(handle, Int32($0))) }
    }

    deinit { PQclear(handle) }

    /// Rows affected by INSERT/UPDATE/DELETE/COPY (0 when the command reports none).
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// The command tag, e.g. `INSERT 0 3`.
    public var commandTag: String { String(cString: PQcmdStatus(handle)) }

    /// Index of the column named `name`, or nil.
    public func columnIndex(_ name: String) -> Int? { columnNames.firstIndex(of: name) }

    public func isNull(row: Int, column: Int) -> Bool { PQgetisnull(handle, Int32(row), Int32(column)) == 1 }

    /// Decodes the value at (`row`, `column`) as `T`. NULL decodes only into an Optional.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, row: Int, column: Int) throws -> T {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount, "result index out of range")
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 {
            return try T.decodeNull(columnName: columnNames[column])
        }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        let pointer = PQgetvalue(handle, Int32(row), Int32(column))!
        let cell = PostgresCell(typeOID: columnTypes[column], bytes: UnsafeRawBufferPointer(start: pointer, count: length), columnName: columnNames[column])
        return try T.decode(from: cell)
    }

    /// Decodes the value in the column named `column`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, row: Int, column name: String) throws -> T {
        guard let column = columnIndex(name) else {
            throw PostgresError(kind: .decodingFailed, message: "no column named \(name) in the result")
        }
        return try decode(type, row: row, column: column)
    }

    /// The rows, for iteration.
    public var rows: [PostgresRow] { (0..<rowCount).map { PostgresRow(result: self, index: $0) } }

    /// The single value of a one-row, one-column result (e.g. `select count(*)`).
    public func scalar<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        guard rowCount == 1, columnCount >= 1 else {
            throw PostgresError(kind: .decodingFailed, message: "expected one row, got \(rowCount)")
        }
        return try decode(type, row: 0, column: 0)
    }
}

/// One row of a `PostgresResult`.
public struct PostgresRow {
    public let result: PostgresResult
    public let index: Int

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: Int) throws -> T {
        try result.decode(type, row: index, column: column)
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        try result.decode(type, row: index, column: column)
    }
}
