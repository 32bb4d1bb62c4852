import CLibPQ

/// Receives the bytes of a `COPY … FROM STDIN`; buffers them and hands them to libpq in large chunks.
public final class CopyInWriter {
    private let connection: PostgresConnection
    private var buffer: [UInt8] = []
    private let chunkSize = 256 * 1024

    init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// Appends raw COPY data (in the statement's format; for text, rows end with `\n`).
    public func write<S: Sequence>(_ bytes: S) throws where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Appends one text-format row: fields escaped, tab-separated, newline-terminated; nil is NULL.
    public func writeRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            if let field { CopyText.appendEscaped(field, to: &buffer) } else { buffer.append(contentsOf: [0x5c, 0x4e]) }
        }
        buffer.append(0x0a)
        if buffer.count >= chunkSize { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                PQputCopyData(connection.handle, $0, Int32(pointer.count))
            }
        }
        guard status == 1 else { throw connection.connectionError() }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// PostgreSQL's COPY text format escaping.
public enum CopyText {
    public static func appendEscaped(_ field: String, to buffer: inout [UInt8]) {
        for byte in field.utf8 {
            switch byte {
            case 0x5c: buffer.append(0x5c); buffer.append(0x5c)
            case 0x09: buffer.append(0x5c); buffer.append(0x74)
            case 0x0a: buffer.append(0x5c); buffer.append(0x6e)
            case 0x0d: buffer.append(0x5c); buffer.append(0x72)
            default: buffer.append(byte)
            }
        }
    }
}

extension PostgresConnection {
    /// Runs `COPY … FROM STDIN` and feeds it what `body` writes. Returns the rows copied. When
    /// `body` throws, the COPY is aborted and nothing is written.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (CopyInWriter) throws -> Void) throws -> Int {
        try checkOpen()
        guard let start = PQexec(handle, sql) else { throw connectionError() }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try check(start, sql: sql)
            throw PostgresError(kind: .misuse, message: "copyIn needs a COPY … FROM STDIN statement")
        }
        PQclear(start)
        let writer = CopyInWriter(connection: self)
        var bodyError: Error?
        do {
            try body(writer)
            try writer.flush()
        } catch {
            bodyError = error
        }
        let ended = bodyError == nil ? PQputCopyEnd(handle, nil) : PQputCopyEnd(handle, "aborted by the client")
        guard ended == 1 else { throw connectionError() }
        var copied = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = makeError(result)
            }
            PQclear(result)
        }
        if let bodyError { throw bodyError }
        if let failure { throw failure }
        return copied
    }

    /// Runs `COPY … TO STDOUT` and hands each row's bytes to `body` (valid only during the call).
    /// Returns the number of rows.
    @discardableResult
    public func copyOut(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try checkOpen()
        guard let start = PQexec(handle, sql) else { throw connectionError() }
        guard PQresultStatus(start) == PGRES_COPY_OUT else {
            _ = try check(start, sql: sql)
            throw PostgresError(kind: .misuse, message: "copyOut needs a COPY … TO STDOUT statement")
        }
        PQclear(start)
        var rows = 0
        var bodyError: Error?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                if bodyError == nil {
                    do { try body(UnsafeRawBufferPointer(start: buffer, count: Int(length))) } catch { bodyError = error }
                }
                rows += 1
                PQfreemem(buffer)
            } else if length == -1 {
                break
            } else {
                throw connectionError()
            }
        }
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil { failure = makeError(result) }
            PQclear(result)
        }
        if let failure { throw failure }
        if let bodyError { throw bodyError }
        return rows
    }
}
