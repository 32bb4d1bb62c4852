import CLibPQ

/// A statement queued in a pipeline.
public struct PostgresStatement {
    public var sql: String
    public var parameters: [any PostgresEncodable]

    public init(_ sql: String, _ parameters: [any PostgresEncodable] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

extension PostgresConnection {
    /// Sends every statement and one Sync in libpq pipeline mode, then reads all results: one
    /// network round trip for the whole list (e.g. BEGIN, a call, COMMIT). Returns the results in
    /// order, or throws the first statement's error after draining the pipeline. When the pipeline
    /// opened a transaction that failed, it is rolled back before throwing, so the session is idle.
    public func pipeline(_ statements: [PostgresStatement]) throws -> [PostgresResult] {
        try checkOpen()
        let wasIdle = PQtransactionStatus(handle) == PQTRANS_IDLE
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(kind: .misuse, message: "cannot enter pipeline mode: " + String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace())
        }
        for statement in statements {
            let sent = withBindings(statement.parameters.map(\.postgresBinding)) { count, types, values, lengths, formats in
                PQsendQueryParams(handle, statement.sql, count, types, values, lengths, formats, 1)
            }
            guard sent == 1 else {
                let error = connectionError()
                if isConnected { _ = PQpipelineSync(handle); drainAfterFailure() }
                throw error
            }
        }
        guard PQpipelineSync(handle) == 1 else { throw connectionError() }

        var results: [PostgresResult] = []
        var firstError: PostgresError?
        for statement in statements {
            var statementResult: PostgresResult?
            while let result = PQgetResult(handle) {
                let status = PQresultStatus(result)
                if status == PGRES_PIPELINE_ABORTED {
                    PQclear(result)
                } else if status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE {
                    if firstError == nil { firstError = makeError(result) }
                    PQclear(result)
                } else if let checked = try? check(result, sql: statement.sql) {
                    statementResult = checked
                }
                if PQstatus(handle) != CONNECTION_OK { throw firstError.map(classified) ?? connectionError() }
            }
            if let statementResult { results.append(statementResult) }
        }
        // The Sync's own result, then leave pipeline mode.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
            if PQstatus(handle) != CONNECTION_OK { throw firstError.map(classified) ?? connectionError() }
        }
        _ = PQexitPipelineMode(handle)
        if let firstError {
            if wasIdle, PQtransactionStatus(handle) != PQTRANS_IDLE, isConnected {
                _ = try? execute("ROLLBACK")
            }
            throw classified(firstError)
        }
        return results
    }

    private func drainAfterFailure() {
        while true {
            guard let result = PQgetResult(handle) else {
                if PQstatus(handle) != CONNECTION_OK { return }
                continue
            }
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        _ = PQexitPipelineMode(handle)
    }
}
