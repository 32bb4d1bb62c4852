import Foundation

/// An event about to be appended. The writer supplies the id so that a retried command is idempotent.
public struct NewEvent: Sendable, Equatable {
    /// Unique id chosen by the writer (a retry reuses it).
    public var eventID: UUID
    /// The event's name as in docs/design.md ("Events"), e.g. `CondorOpened`.
    public var type: String
    /// Version of the payload's shape for this type; starts at 1.
    public var schemaVersion: Int
    /// The payload: a JSON object, UTF-8.
    public var data: Data
    /// Command id, correlation and causation ids, actor, tool version: a JSON object, UTF-8.
    public var metadata: Data
    /// When it happened in the market.
    public var occurredAt: Date

    public init(eventID: UUID = UUID(), type: String, schemaVersion: Int = 1, data: Data, metadata: Data = Data("{}".utf8), occurredAt: Date) {
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.occurredAt = occurredAt
    }
}

/// An event as stored in the ledger.
public struct RecordedEvent: Sendable, Equatable {
    /// Position in the whole ledger: 1, 2, 3 … with no gaps, in commit order.
    public var globalPosition: Int64
    public var streamID: String
    /// Position within its stream: the first event of a stream is version 1.
    public var streamVersion: Int64
    public var eventID: UUID
    public var type: String
    public var schemaVersion: Int
    /// JSON object as the server returns it (jsonb text form), UTF-8.
    public var data: Data
    public var metadata: Data
    public var occurredAt: Date
    public var recordedAt: Date
    /// sha256 of the previous event's hash followed by this event's canonical bytes (32 bytes).
    public var prevHash: Data
    public var hash: Data

    public init(globalPosition: Int64, streamID: String, streamVersion: Int64, eventID: UUID, type: String, schemaVersion: Int, data: Data, metadata: Data, occurredAt: Date, recordedAt: Date, prevHash: Data, hash: Data) {
        self.globalPosition = globalPosition
        self.streamID = streamID
        self.streamVersion = streamVersion
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// What an append expects the stream to look like.
public enum ExpectedVersion: Sendable, Equatable, CustomStringConvertible {
    /// Append whatever the stream's version.
    case any
    /// The stream must not exist yet (version 0).
    case noStream
    /// The stream's last event must have exactly this version (≥ 1).
    case exact(Int64)

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .exact(let version): String(version)
        }
    }
}

/// Events bound for one stream, used for multi-stream appends committed together.
public struct StreamAppend: Sendable, Equatable {
    public var streamID: String
    public var expected: ExpectedVersion
    public var events: [NewEvent]

    public init(streamID: String, expected: ExpectedVersion, events: [NewEvent]) {
        self.streamID = streamID
        self.expected = expected
        self.events = events
    }
}

/// The outcome of appending to one stream.
public struct AppendResult: Sendable, Equatable {
    public var streamID: String
    /// Global positions of the appended events, in order.
    public var positions: [Int64]
    /// The stream's version after the append (the version of its last event).
    public var streamVersion: Int64
    /// True when every event id already existed with the same payload: nothing was written and the
    /// original positions are returned.
    public var wasIdempotentReplay: Bool

    public init(streamID: String, positions: [Int64], streamVersion: Int64, wasIdempotentReplay: Bool) {
        self.streamID = streamID
        self.positions = positions
        self.streamVersion = streamVersion
        self.wasIdempotentReplay = wasIdempotentReplay
    }
}

/// Errors the event store reports. Messages name the stream, the versions or the event id.
public enum EventStoreError: Error, Equatable, CustomStringConvertible {
    /// The stream's version is not the one the append expected. Safe to retry after re-reading.
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: Int64)
    /// The event id exists already with a different payload.
    case eventIDConflict(eventID: UUID, existingPosition: Int64)
    /// An append or read argument breaks a rule (named in the message).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .wrongExpectedVersion(stream, expected, actual):
            "stream \(stream): expected version \(expected), but it is at version \(actual)"
        case let .eventIDConflict(eventID, position):
            "event \(eventID.uuidString.lowercased()) already exists at position \(position) with a different payload"
        case let .invalidArgument(message):
            message
        }
    }
}

/// One batch of `EventStore.append(batches:)` failed: the batches before it are committed, it and
/// the ones after it are not.
public struct BatchAppendFailure: Error, CustomStringConvertible {
    /// The failed batch's index in the list given (0-based).
    public var batchIndex: Int
    /// Why it failed (an `EventStoreError` or a database error).
    public var underlying: Error

    public var description: String { "batch \(batchIndex + 1): \(underlying)" }
}
