import CLibPQ

/// A statement prepared on one session: its SQL and the type of each parameter.
struct PreparedKey: Hashable {
    var sql: String
    var types: [UInt32]
}

extension PostgresConnection {
    /// Runs one statement as a prepared statement of this session: parsed, analysed and planned on its
    /// first use (with these parameters' types), then only bound and executed. For a statement a
    /// session runs many times, such as an append; otherwise use `query`. Values are bound parameters
    /// as in `query`. A statement the server no longer knows (`DISCARD ALL`) is prepared again.
    @discardableResult
    public func queryPrepared(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> PostgresResult {
        try checkOpen()
        let bindings = parameters.map(\.postgresBinding)
        let key = PreparedKey(sql: sql, types: bindings.map(\.typeOID))
        do {
            return try executePrepared(try preparedName(for: key), bindings, sql: sql)
        } catch let error as PostgresError where error.code == .invalidSQLStatementName {
            preparedStatements[key] = nil
            return try executePrepared(try preparedName(for: key), bindings, sql: sql)
        }
    }

    private func preparedName(for key: PreparedKey) throws -> String {
        if let name = preparedStatements[key] { return name }
        preparedStatementsCreated += 1
        let name = "alvh_prepared_\(preparedStatementsCreated)"
        let types = key.types.map { Oid($0) }
        let result = types.withUnsafeBufferPointer { PQprepare(handle, name, key.sql, Int32(types.count), $0.baseAddress) }
        _ = try check(result, sql: key.sql)
        preparedStatements[key] = name
        return name
    }

    private func executePrepared(_ name: String, _ bindings: [PostgresBinding], sql: String) throws -> PostgresResult {
        let result = withBindings(bindings) { count, _, values, lengths, formats in
            PQexecPrepared(handle, name, count, values, lengths, formats, 1)
        }
        return try check(result, sql: sql)
    }
}
