import Foundation
import PostgresClient

/// Encodes appends into the one JSON document `alvh_append(jsonb)` takes (see schema/0001), by byte
/// concatenation: payloads are copied verbatim after a structural check that each is exactly one
/// JSON object (so a payload can never spill into the batch document).
struct AppendBatch {
    private(set) var document: [UInt8] = []
    let appends: [StreamAppend]

    init(_ appends: [StreamAppend]) throws {
        self.appends = appends
        guard !appends.isEmpty else { throw EventStoreError.invalidArgument("streams: an append needs at least one stream") }
        var seenStreams = Set<String>()
        var seenEvents = Set<UUID>()
        var size = 64
        for append in appends {
            try StoreNames.validateStreamID(append.streamID)
            guard seenStreams.insert(append.streamID).inserted else {
                throw EventStoreError.invalidArgument("stream \(append.streamID): appears twice in one batch; put its events in one StreamAppend")
            }
            if case .exact(let version) = append.expected, version < 1 {
                throw EventStoreError.invalidArgument("expected version for \(append.streamID): must be ≥ 1 (use noStream for a new stream), got \(version)")
            }
            guard !append.events.isEmpty else {
                throw EventStoreError.invalidArgument("events for \(append.streamID): at least one event is required")
            }
            for event in append.events {
                try StoreNames.validateType(event.type)
                guard event.schemaVersion >= 1 else {
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
                size += event.data.count + event.metadata.count + event.type.utf8.count + 120
            }
        }
        document.reserveCapacity(size)
        append("{\"streams\":[")
        for (index, stream) in appends.enumerated() {
            if index > 0 { append(",") }
            append("{\"id\":")
            appendJSONString(stream.streamID)
            switch stream.expected {
            case .any: append(",\"expected\":null}")
            case .noStream: append(",\"expected\":0}")
            case .exact(let version): append(",\"expected\":\(version)}")
            }
        }
        append("],\"events\":[")
        var first = true
        for (streamIndex, stream) in appends.enumerated() {
            for event in stream.events {
                if !first { append(",") }
                first = false
                // Payloads first: were a payload ever malformed, the fields after it still win.
                append("{\"data\":")
                document.append(contentsOf: event.data)
                append(",\"meta\":")
                document.append(contentsOf: event.metadata)
                append(",\"s\":\(streamIndex),\"id\":\"\(event.eventID.uuidString.lowercased())\",\"type\":")
                appendJSONString(event.type)
                append(",\"v\":\(event.schemaVersion),\"at\":\(PostgresTime.unixMicroseconds(event.occurredAt))}")
            }
        }
        append("]}")
    }

    private mutating func append(_ text: String) { document.append(contentsOf: text.utf8) }

    private mutating func appendJSONString(_ text: String) {
        document.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0..<0x20: append(String(format: "\\u%04x", byte))
            default: document.append(byte)
            }
        }
        document.append(UInt8(ascii: "\""))
    }
}

/// A fast structural check of JSON text: one object, nothing before or after it but whitespace,
/// braces and brackets balanced outside strings. The server validates the grammar itself.
enum JSONShape {
    static func isSingleObject(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var index = 0
            let count = bytes.count
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 }
            while index < count, isSpace(bytes[index]) { index += 1 }
            guard index < count, bytes[index] == UInt8(ascii: "{") else { return false }
            var depth = 0
            var inString = false
            while index < count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            while index < count, isSpace(bytes[index]) { index += 1 }
                            return index == count && byte == UInt8(ascii: "}")
                        }
                    default: break
                    }
                }
                index += 1
            }
            return false
        }
    }
}
