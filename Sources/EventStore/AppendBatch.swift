import Foundation
import PostgresClient

/// Checks appends and lays them out as the store function's parameters, bound as values (payloads
/// travel as separate `jsonb` parameters, never spliced into anything): one event to one stream as
/// the scalars of `alvh_append_one`, anything else as the parallel arrays of `alvh_append` (both in
/// `schema/functions/`).
struct AppendBatch {
    let appends: [StreamAppend]
    /// `alvh_append`'s parameters: the batch as parallel arrays.
    let arrays: [any PostgresEncodable]
    /// `alvh_append_one`'s parameters, when the batch is one event to one stream.
    let single: [any PostgresEncodable]?

    /// `eventOrder`, when given, numbers the events in that order (every event id once; each
    /// stream's events in their own order); otherwise stream by stream.
    init(_ appends: [StreamAppend], eventOrder: [UUID]? = nil) throws {
        self.appends = appends
        guard !appends.isEmpty else { throw EventStoreError.invalidArgument("streams: an append needs at least one stream") }
        var layout = ArrayLayout()
        for (index, append) in appends.enumerated() {
            try layout.add(append, index: index)
        }
        if let eventOrder { try layout.reorder(eventOrder, streams: appends.map(\.streamID)) }
        arrays = layout.parameters
        if appends.count == 1, let event = appends[0].events.first, appends[0].events.count == 1 {
            single = [appends[0].streamID, ExpectedVersionParameter(layout.expected[0]), event.eventID, event.type,
                      Int32(event.schemaVersion), PostgresTime.unixMicroseconds(event.occurredAt),
                      PostgresJSONB(event.data), PostgresJSONB(event.metadata)]
        } else {
            single = nil
        }
    }

    /// The statement and parameters that append this batch: `alvh_append_one` for one event to one
    /// stream (unless `batchOnly`), else `alvh_append`. Both are prepared once per session.
    func statement(batchOnly: Bool = false) -> (sql: String, parameters: [any PostgresEncodable]) {
        if !batchOnly, let single { return (Self.oneSQL, single) }
        return (Self.batchSQL, arrays)
    }

    static let batchSQL = "SELECT r_stream_index, r_positions, r_stream_version, r_replayed FROM alvh_append($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    static let oneSQL = "SELECT r_stream_index, r_positions, r_stream_version, r_replayed FROM alvh_append_one($1, $2, $3, $4, $5, $6, $7, $8)"
}

/// `alvh_append`'s parallel arrays, filled stream by stream after each append is checked.
private struct ArrayLayout {
    var streams: [String] = []
    var expected: [Int64?] = []
    var streamIndex: [Int32] = []
    var ids: [UUID] = []
    var types: [String] = []
    var schemaVersions: [Int32] = []
    var occurredAt: [Int64] = []
    var data: [PostgresJSONB] = []
    var metadata: [PostgresJSONB] = []
    private var seenStreams = Set<String>()
    private var seenEvents = Set<UUID>()

    var parameters: [any PostgresEncodable] {
        [streams, expected, streamIndex, ids, types, schemaVersions, occurredAt, data, metadata]
    }

    /// Checks one stream's append (its name, expected version and events) and adds it.
    mutating func add(_ append: StreamAppend, index: Int) throws {
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
            try check(event)
            streamIndex.append(Int32(index + 1))
            ids.append(event.eventID)
            types.append(event.type)
            schemaVersions.append(Int32(event.schemaVersion))
            occurredAt.append(PostgresTime.unixMicroseconds(event.occurredAt))
            data.append(PostgresJSONB(event.data))
            metadata.append(PostgresJSONB(event.metadata))
        }
    }

    private mutating func check(_ event: NewEvent) throws {
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
    }

    /// Lays the per-event arrays out in `eventOrder`: every event id of the batch once, each
    /// stream's events in their own order.
    mutating func reorder(_ eventOrder: [UUID], streams names: [String]) throws {
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
                throw EventStoreError.invalidArgument("event order: the events of \(names[Int(stream) - 1]) must keep their order")
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
}

/// An expected version as `alvh_append_one` takes it: `bigint`, NULL for any version (typed either
/// way, so a session prepares the statement once).
private struct ExpectedVersionParameter: PostgresEncodable {
    let version: Int64?
    init(_ version: Int64?) { self.version = version }
    var postgresBinding: PostgresBinding {
        version.map { .text(String($0), typeOID: PostgresType.int8) } ?? .null(typeOID: PostgresType.int8)
    }
}

/// The check an append makes of every payload before sending it: one JSON object, nothing before or
/// after it but whitespace (`JSONScanner`). The server validates the grammar itself.
enum JSONShape {
    static func isSingleObject(_ data: Data) -> Bool { JSONScanner.isSingleObject(data) }
}
