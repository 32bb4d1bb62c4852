import Foundation
import PostgresClient

extension EventStore {
    /// Writes every event, in position order, as newline-delimited JSON (`ExportedEvent`), from one
    /// REPEATABLE READ snapshot, in pages of `pageSize`. Returns the number of events written.
    @discardableResult
    public func exportLedger(to output: FileHandle, pageSize: Int = 5000) throws -> Int64 {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { _ = try? connection.execute("COMMIT") }
        var after: Int64 = 0
        var written: Int64 = 0
        while true {
            let page = try connection.query("""
                SELECT global_position, stream_id, stream_version, event_id, type, schema_version,
                       occurred_at, recorded_at, prev_hash, hash, metadata, data
                  FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2
                """, [after, pageSize])
            if page.rowCount == 0 { break }
            var chunk = Data()
            for row in 0..<page.rowCount {
                let event = ExportedEvent(
                    position: try page.decode(Int64.self, row: row, column: 0),
                    streamID: try page.decode(String.self, row: row, column: 1),
                    streamVersion: try page.decode(Int64.self, row: row, column: 2),
                    eventID: try page.decode(UUID.self, row: row, column: 3),
                    type: try page.decode(String.self, row: row, column: 4),
                    schemaVersion: try page.decode(Int.self, row: row, column: 5),
                    occurredAtMicros: try page.decode(PostgresTimestampMicros.self, row: row, column: 6).unixMicroseconds,
                    recordedAtMicros: try page.decode(PostgresTimestampMicros.self, row: row, column: 7).unixMicroseconds,
                    prevHash: try page.decode(Data.self, row: row, column: 8),
                    hash: try page.decode(Data.self, row: row, column: 9),
                    metadata: try page.decode(Data.self, row: row, column: 10),
                    data: try page.decode(Data.self, row: row, column: 11))
                chunk.append(event.line())
                chunk.append(UInt8(ascii: "\n"))
                after = event.position
                written += 1
            }
            try output.write(contentsOf: chunk)
        }
        return written
    }
}
