import EventStore
import Foundation
import Ledger
import PostgresClient

/// Reads events for projections: only the columns a fold needs (no hashes, no metadata), decoded
/// into `SourcedEvent`s. Decoding the JSON payloads is the costly part, so large reads decode in
/// parallel chunks.
struct EventReader {
    let connection: PostgresConnection

    static let columns = "global_position, stream_id, stream_version, event_id, type, schema_version, data, occurred_at"

    /// Events with position in (after, upTo], at most `limit`, ascending.
    func read(after: Int64, upTo: Int64, limit: Int) throws -> [SourcedEvent] {
        try decode(connection.query("SELECT \(EventReader.columns) FROM events WHERE global_position > $1 AND global_position <= $2 ORDER BY global_position LIMIT $3",
                                    [after, upTo, limit]))
    }

    /// Every event of these streams, in global order.
    func read(streams: [String]) throws -> [SourcedEvent] {
        guard !streams.isEmpty else { return [] }
        return try decode(connection.query("SELECT \(EventReader.columns) FROM events WHERE stream_id = ANY($1::text[]) ORDER BY global_position",
                                           [SQLArray.text(streams)]))
    }

    /// Fetched rows not yet decoded (for overlapping the next fetch with decoding). Decoding only
    /// reads the result, so several threads may decode disjoint rows of it.
    struct Fetched: @unchecked Sendable {
        let result: PostgresResult
        var count: Int { result.rowCount }
        var lastPosition: Int64? { count == 0 ? nil : try? result.decode(Int64.self, row: count - 1, column: 0) }
    }

    /// The rows of (after, upTo], at most `limit`, ascending, not yet decoded.
    func fetch(after: Int64, upTo: Int64, limit: Int) throws -> Fetched {
        Fetched(result: try connection.query("SELECT \(EventReader.columns) FROM events WHERE global_position > $1 AND global_position <= $2 ORDER BY global_position LIMIT $3",
                                             [after, upTo, limit]))
    }

    func decode(_ result: PostgresResult) throws -> [SourcedEvent] {
        try EventReader.decodeParallel(Fetched(result: result))
    }

    /// One row: the payload is parsed straight from the result's bytes and built by the fast
    /// decoder; whatever it does not recognise goes through the canonical decoder.
    private static func one(_ result: PostgresResult, _ row: Int) throws -> SourcedEvent {
        let type = try result.decode(String.self, row: row, column: 4)
        let schema = try result.decode(Int.self, row: row, column: 5)
        let tree = try result.decode(PayloadTree.self, row: row, column: 6)
        let event = try tree.members.flatMap { FastEventDecoder.decode(type: type, schemaVersion: schema, members: $0) }
            ?? LedgerEvent(type: type, schemaVersion: schema, data: try result.decode(Data.self, row: row, column: 6))
        return SourcedEvent(position: try result.decode(Int64.self, row: row, column: 0), event: LedgerStreamEvent(
            eventID: try result.decode(UUID.self, row: row, column: 3), streamID: try result.decode(String.self, row: row, column: 1),
            version: try result.decode(Int64.self, row: row, column: 2), occurredAt: try result.decode(Date.self, row: row, column: 7),
            event: event))
    }

    static func decodeParallel(_ fetched: Fetched) throws -> [SourcedEvent] {
        let chunks = try decodeChunks(fetched)
        return chunks.count == 1 ? chunks[0] : chunks.flatMap { $0 }
    }

    /// The rows decoded on the machine's cores, as consecutive chunks in row order (not flattened:
    /// a replay moves the events out of them instead of copying them once more).
    static func decodeChunks(_ fetched: Fetched) throws -> [[SourcedEvent]] {
        let result = fetched.result
        let rows = result.rowCount
        let chunks = rows < 2_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        if chunks == 1 { return [try (0..<rows).map { try one(result, $0) }] }
        let box = Parallel.Box<[SourcedEvent]>(count: chunks)
        let size = (rows + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * size)..<min(rows, (chunk + 1) * size)
            box.set(chunk, Result { try range.map { try one(fetched.result, $0) } })
        }
        return try (0..<chunks).map { try box.take($0)!.get() }
    }
}

/// PostgreSQL array literals for binding a list as one parameter (`= ANY($1::uuid[])`).
enum SQLArray {
    static func text(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"
    }

    static func uuids(_ values: [UUID]) -> String {
        "{" + values.map { $0.uuidString.lowercased() }.joined(separator: ",") + "}"
    }
}
