import Foundation
import PostgresClient

/// Checks appends and lays them out as the parallel arrays `alvh_append` takes (schema/0001), bound
/// in binary format: payloads travel as separate `jsonb` elements, never spliced into anything.
struct AppendBatch {
    let appends: [StreamAppend]
    private(set) var parameters: [any PostgresEncodable] = []

    /// `eventOrder`, when given, numbers the events in that order (every event id once; each
    /// stream's events in their own order); otherwise stream by stream.
    init(_ appends: [StreamAppend], eventOrder: [UUID]? = nil) throws {
        self.appends = appends
        guard !appends.isEmpty else { throw EventStoreError.invalidArgument("streams: an append needs at least one stream") }
        var seenStreams = Set<String>()
        var seenEvents = Set<UUID>()
        var streams: [String] = []
        var expected: [Int64?] = []
        var streamIndex: [Int32] = []
        var ids: [UUID] = []
        var types: [String] = []
        var schemaVersions: [Int32] = []
        var occurredAt: [Int64] = []
        var data: [PostgresJSONB] = []
        var metadata: [PostgresJSONB] = []
        let total = appends.reduce(0) { $0 + $1.events.count }
        streamIndex.reserveCapacity(total)
        ids.reserveCapacity(total)
        types.reserveCapacity(total)
        schemaVersions.reserveCapacity(total)
        occurredAt.reserveCapacity(total)
        data.reserveCapacity(total)
        metadata.reserveCapacity(total)
        for (index, append) in appends.enumerated() {
            try StoreNames.validateStreamID(append.streamID)
            guard seenStreams.insert(append.streamID).inserted else {
                throw EventStoreError.invalidArgument("stream \(append.streamID): appears twice in one batch; put its events in one StreamAppend")
            }
            switch append.expected {
            case .any: expected.append(nil)
            case .noStream: expected.append(0)
            case .exact(let version):
                guard version >= 1 else {
                    throw EventStoreError.invalidArgument("expected version for \(append.streamID): must be ≥ 1 (use noStream for a new stream), got \(version)")
                }
                expected.append(version)
            }
            guard !append.events.isEmpty else {
                throw EventStoreError.invalidArgument("events for \(append.streamID): at least one event is required")
            }
            streams.append(append.streamID)
            for event in append.events {
                try StoreNames.validateType(event.type)
                guard event.schemaVersion >= 1, event.schemaVersion <= Int(Int32.max) else {
                    throw EventStoreError.invalidArgument("schema version of event \(event.eventID.uuidString.lowercased()): must be ≥ 1, got \(event.schemaVersion)")
                }
                guard seenEvents.insert(event.eventID).inserted else {
                    throw EventStoreError.invalidArgument("event \(event.eventID.uuidString.lowercased()): appears twice in one batch")
                }
                guard JSONShape.isSingleObject(event.data) else {
                    throw EventStoreError.invalidArgument("data of event \(event.eventID.uuidString.lowercased()) (\(event.type)): must be one JSON object")
                }
                guard JSONShape.isSingleObject(event.metadata) else {
                    throw EventStoreError.invalidArgument("metadata of event \(event.eventID.uuidString.lowercased()) (\(event.type)): must be one JSON object")
                }
                streamIndex.append(Int32(index + 1))
                ids.append(event.eventID)
                types.append(event.type)
                schemaVersions.append(Int32(event.schemaVersion))
                occurredAt.append(PostgresTime.unixMicroseconds(event.occurredAt))
                data.append(PostgresJSONB(event.data))
                metadata.append(PostgresJSONB(event.metadata))
            }
        }
        if let eventOrder {
            // Lay the per-event arrays out in the requested order.
            guard eventOrder.count == ids.count else {
                throw EventStoreError.invalidArgument("event order: must name each of the batch's \(ids.count) events once, got \(eventOrder.count)")
            }
            let slot = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            var permutation: [Int] = []
            permutation.reserveCapacity(ids.count)
            var used = Set<UUID>()
            var lastSlotOfStream: [Int32: Int] = [:]
            for id in eventOrder {
                guard let index = slot[id], used.insert(id).inserted else {
                    throw EventStoreError.invalidArgument("event order: \(id.uuidString.lowercased()) is not an event of the batch, or is named twice")
                }
                let stream = streamIndex[index]
                if let last = lastSlotOfStream[stream], last > index {
                    throw EventStoreError.invalidArgument("event order: the events of \(streams[Int(stream) - 1]) must keep their order")
                }
                lastSlotOfStream[stream] = index
                permutation.append(index)
            }
            streamIndex = permutation.map { streamIndex[$0] }
            ids = permutation.map { ids[$0] }
            types = permutation.map { types[$0] }
            schemaVersions = permutation.map { schemaVersions[$0] }
            occurredAt = permutation.map { occurredAt[$0] }
            data = permutation.map { data[$0] }
            metadata = permutation.map { metadata[$0] }
        }
        parameters = [streams, expected, streamIndex, ids, types, schemaVersions, occurredAt, data, metadata]
    }

    static let sql = "SELECT r_stream_index, r_positions, r_stream_version, r_replayed FROM alvh_append($1, $2, $3, $4, $5, $6, $7, $8, $9)"
}

/// The check an append makes of every payload before sending it: one JSON object, nothing before or
/// after it but whitespace (`JSONScanner`). The server validates the grammar itself.
enum JSONShape {
    static func isSingleObject(_ data: Data) -> Bool { JSONScanner.isSingleObject(data) }
}
