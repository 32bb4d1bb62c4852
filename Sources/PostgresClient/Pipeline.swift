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
    /// Sends every statement in libpq pipeline mode, then reads all results: one network round trip
    /// for the whole list (e.g. BEGIN, a call, COMMIT). Returns the results in order, or throws the
    /// first statement's error; the statements after it do not run, and a transaction the list
    /// opened is rolled back, so the session is idle again. Needs an idle session.
    public func pipeline(_ statements: [PostgresStatement]) throws -> [PostgresResult] {
        var results: [PostgresResult] = []
        do {
            try pipelineUnits(count: 1, unit: { _ in statements }, reply: { _, replies in results = replies })
        } catch let failure as PipelineUnitFailure {
            throw failure.error
        }
        return results
    }
}

/// The failure of one unit of `pipelineUnits`: which unit, and the error.
public struct PipelineUnitFailure: Error {
    /// The index of the unit that failed; every unit before it completed, none after it ran.
    public var unit: Int
    public var error: PostgresError
}

extension PostgresConnection {
    /// Runs `count` units of statements (for example BEGIN, a call, COMMIT) in one pipeline, so the
    /// next unit is built and sent while the server still runs the previous ones. `unit(i)` builds
    /// unit i just before it is sent; at most `window` units are awaiting their replies; `reply(i,
    /// results)` receives each unit's results, in order, as they arrive.
    ///
    /// The units run one after another in the session, with no Sync between them: when a statement
    /// fails, the server skips everything after it, so no later unit runs. A transaction the failing
    /// unit opened is rolled back, and `PipelineUnitFailure` names the unit. Units that completed
    /// before it keep their effects (each unit should be its own transaction). When `unit` or `reply`
    /// throws, the units already sent still run; that error is rethrown once they are done.
    public func pipelineUnits(count: Int, window: Int = 2, unit: (Int) throws -> [PostgresStatement],
                              reply: (Int, [PostgresResult]) throws -> Void) throws {
        try checkOpen()
        guard count > 0 else { return }
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else {
            throw PostgresError(kind: .misuse, message: "pipelined units need an idle session (no open transaction)")
        }
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(kind: .misuse, message: "cannot enter pipeline mode: " + String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace())
        }
        var sentSQL: [[String]] = []  // per unit sent and not yet read: its statements' SQL
        var next = 0
        var read = 0
        var failure: PipelineUnitFailure?
        var thrown: Error?

        func send(_ statements: [PostgresStatement]) throws {
            for statement in statements {
                let sent = withBindings(statement.parameters.map(\.postgresBinding)) { count, types, values, lengths, formats in
                    PQsendQueryParams(handle, statement.sql, count, types, values, lengths, formats, 1)
                }
                guard sent == 1 else { throw connectionError() }
            }
            // No Sync between units (it would let the next unit run after a failure): ask the
            // server to flush its replies instead, and push our buffered messages out.
            guard PQsendFlushRequest(handle) == 1, PQflush(handle) == 0 else { throw connectionError() }
        }

        /// Reads one statement's results up to its terminating NULL; nil when it was skipped.
        func readStatement(_ sql: String) throws -> Result<PostgresResult, PostgresError>? {
            var outcome: Result<PostgresResult, PostgresError>?
            while let result = PQgetResult(handle) {
                let status = PQresultStatus(result)
                if status == PGRES_PIPELINE_ABORTED {
                    PQclear(result)
                } else if status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE {
                    if outcome == nil { outcome = .failure(makeError(result)) }
                    PQclear(result)
                } else {
                    do { outcome = .success(try check(result, sql: sql)) } catch let error as PostgresError { outcome = .failure(error) }
                }
                if PQstatus(handle) != CONNECTION_OK { throw connectionError() }
            }
            if PQstatus(handle) != CONNECTION_OK { throw connectionError() }
            return outcome
        }

        do {
            while read < count {
                while failure == nil, next < count, next - read < max(1, window) {
                    let statements = try unit(next)
                    try send(statements)
                    sentSQL.append(statements.map(\.sql))
                    next += 1
                }
                // Read the oldest unit's replies.
                let statements = sentSQL.removeFirst()
                var results: [PostgresResult] = []
                for sql in statements {
                    switch try readStatement(sql) {
                    case .success(let result)?: results.append(result)
                    case .failure(let error)?: if failure == nil { failure = PipelineUnitFailure(unit: read, error: classified(error)) }
                    case nil: break
                    }
                }
                if failure == nil { try reply(read, results) }
                read += 1
                if failure != nil {
                    // Everything sent after the failure is skipped by the server: drain it.
                    for unsent in sentSQL { for sql in unsent { _ = try readStatement(sql) } }
                    sentSQL.removeAll()
                    break
                }
            }
        } catch {
            thrown = error
        }
        // One Sync ends the pipeline (and the skipped part after a failure); units still unread
        // (when `unit` or `reply` threw) complete on the server and are read and dropped here.
        if isConnected, PQpipelineSync(handle) == 1 {
            while PQstatus(handle) == CONNECTION_OK {
                guard let result = PQgetResult(handle) else { continue }
                let status = PQresultStatus(result)
                PQclear(result)
                if status == PGRES_PIPELINE_SYNC { break }
            }
        }
        if PQstatus(handle) == CONNECTION_OK { _ = PQexitPipelineMode(handle) }
        if (failure != nil || thrown != nil), isConnected, PQtransactionStatus(handle) != PQTRANS_IDLE {
            _ = try? execute("ROLLBACK")
        }
        if let thrown { throw thrown }
        if let failure { throw failure }
    }
}
