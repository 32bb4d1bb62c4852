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

    struct Raw: @unchecked Sendable {
        var position: Int64, stream: String, version: Int64, id: UUID, type: String, schema: Int, data: Data, at: Date
    }

    /// The rows of (after, upTo], at most `limit`, not yet decoded (for overlapping the next fetch
    /// with decoding).
    func readRaw(after: Int64, upTo: Int64, limit: Int) throws -> [Raw] {
        try raws(connection.query("SELECT \(EventReader.columns) FROM events WHERE global_position > $1 AND global_position <= $2 ORDER BY global_position LIMIT $3",
                                  [after, upTo, limit]))
    }

    func decode(_ result: PostgresResult) throws -> [SourcedEvent] {
        try EventReader.decodeParallel(try raws(result))
    }

    func raws(_ result: PostgresResult) throws -> [Raw] {
        var raws: [Raw] = []
        raws.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            raws.append(Raw(position: try result.decode(Int64.self, row: row, column: 0), stream: try result.decode(String.self, row: row, column: 1),
                            version: try result.decode(Int64.self, row: row, column: 2), id: try result.decode(UUID.self, row: row, column: 3),
                            type: try result.decode(String.self, row: row, column: 4), schema: try result.decode(Int.self, row: row, column: 5),
                            data: try result.decode(Data.self, row: row, column: 6), at: try result.decode(Date.self, row: row, column: 7)))
        }
        return raws
    }

    private static func one(_ raw: Raw) throws -> SourcedEvent {
        SourcedEvent(position: raw.position, event: LedgerStreamEvent(
            eventID: raw.id, streamID: raw.stream, version: raw.version, occurredAt: raw.at,
            event: try FastEventDecoder.decode(type: raw.type, schemaVersion: raw.schema, data: raw.data)
                ?? LedgerEvent(type: raw.type, schemaVersion: raw.schema, data: raw.data)))
    }

    static func decodeParallel(_ raws: [Raw]) throws -> [SourcedEvent] {
        let chunks = raws.count < 2_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        if chunks == 1 { return try raws.map(EventReader.one) }
        let box = ResultBox(count: chunks)
        let size = (raws.count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * size)..<min(raws.count, (chunk + 1) * size)
            box.set(chunk, Result { try raws[range].map(EventReader.one) })
        }
        return try box.results.flatMap { try $0!.get() }
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var results: [Result<[SourcedEvent], Error>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<[SourcedEvent], Error>) {
            lock.lock()
            results[index] = value
            lock.unlock()
        }
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
