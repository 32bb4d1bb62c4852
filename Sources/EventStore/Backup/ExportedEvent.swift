import Foundation

/// One event as `alvh export` writes it: one line of newline-delimited JSON with every stored field
/// the hash covers, plus recorded_at, exact to the microsecond:
///
///     {"position":1,"stream":"condor-…","version":1,"id":"…","type":"CondorOpened","schema_version":1,
///      "occurred_at_us":1772463600000000,"recorded_at_us":…,"prev_hash":"00…","hash":"9f…",
///      "metadata":{…},"data":{…}}
///
/// Times are microseconds since 1970-01-01 00:00:00 UTC; hashes lower-case hex (32 bytes). `data` and
/// `metadata` are the jsonb text form exactly as the server returned it (the bytes the hash covers),
/// embedded as JSON values, never re-serialised.
public struct ExportedEvent: Sendable, Equatable {
    public var position: Int64
    public var streamID: String
    public var streamVersion: Int64
    public var eventID: UUID
    public var type: String
    public var schemaVersion: Int
    public var occurredAtMicros: Int64
    public var recordedAtMicros: Int64
    public var prevHash: Data
    public var hash: Data
    /// jsonb text form, UTF-8.
    public var metadata: Data
    /// jsonb text form, UTF-8.
    public var data: Data

    public init(position: Int64, streamID: String, streamVersion: Int64, eventID: UUID, type: String, schemaVersion: Int,
                occurredAtMicros: Int64, recordedAtMicros: Int64, prevHash: Data, hash: Data, metadata: Data, data: Data) {
        self.position = position
        self.streamID = streamID
        self.streamVersion = streamVersion
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.occurredAtMicros = occurredAtMicros
        self.recordedAtMicros = recordedAtMicros
        self.prevHash = prevHash
        self.hash = hash
        self.metadata = metadata
        self.data = data
    }

    /// The line, without its newline.
    public func line() -> Data {
        var out = Data()
        func string(_ value: String) {
            // Stream ids, types and uuids hold no character JSON must escape (StoreNames); escape anyway.
            let encoded = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            out.append(encoded ?? Data("\"\"".utf8))
        }
        out.append(contentsOf: Array("{\"position\":\(position),\"stream\":".utf8))
        string(streamID)
        out.append(contentsOf: Array(",\"version\":\(streamVersion),\"id\":\"\(eventID.uuidString.lowercased())\",\"type\":".utf8))
        string(type)
        out.append(contentsOf: Array((",\"schema_version\":\(schemaVersion),\"occurred_at_us\":\(occurredAtMicros),\"recorded_at_us\":\(recordedAtMicros)"
            + ",\"prev_hash\":\"\(SHA256.hex(prevHash))\",\"hash\":\"\(SHA256.hex(hash))\",\"metadata\":").utf8))
        out.append(metadata)
        out.append(contentsOf: Array(",\"data\":".utf8))
        out.append(data)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Parses one line of an export. Throws `LedgerBackupError.badLine` naming the field that is wrong.
    public init(line: Data, number: Int) throws {
        func bad(_ rule: String) -> LedgerBackupError { .badLine(line: number, problem: rule) }
        let bytes = [UInt8](line)
        guard let members = JSONSpans.members(bytes) else { throw bad("must be one JSON object") }
        func raw(_ key: String) throws -> ArraySlice<UInt8> {
            guard let span = members[key] else { throw bad("\(key): is missing") }
            return bytes[span]
        }
        func scalar(_ key: String) throws -> Any {
            guard let value = try? JSONSerialization.jsonObject(with: Data(try raw(key)), options: [.fragmentsAllowed]) else {
                throw bad("\(key): is not a JSON value")
            }
            return value
        }
        func text(_ key: String) throws -> String {
            guard let value = try scalar(key) as? String else { throw bad("\(key): must be a string") }
            return value
        }
        func integer(_ key: String) throws -> Int64 {
            let digits = try raw(key)
            guard let value = Int64(String(decoding: digits, as: UTF8.self)) else { throw bad("\(key): must be an integer") }
            return value
        }
        func hexBytes(_ key: String) throws -> Data {
            let hex = try text(key)
            guard hex.utf8.count == 64, let bytes = Data(hexString: hex) else { throw bad("\(key): must be 64 hex digits") }
            return bytes
        }
        func object(_ key: String) throws -> Data {
            let value = try raw(key)
            guard value.first == UInt8(ascii: "{") else { throw bad("\(key): must be a JSON object") }
            return Data(value)
        }
        guard let eventID = UUID(uuidString: try text("id")) else { throw bad("id: must be a UUID") }
        let schemaVersion = try integer("schema_version")
        guard schemaVersion >= 1, schemaVersion <= Int64(Int32.max) else { throw bad("schema_version: must be between 1 and \(Int32.max)") }
        self.init(position: try integer("position"), streamID: try text("stream"), streamVersion: try integer("version"),
                  eventID: eventID, type: try text("type"), schemaVersion: Int(schemaVersion),
                  occurredAtMicros: try integer("occurred_at_us"), recordedAtMicros: try integer("recorded_at_us"),
                  prevHash: try hexBytes("prev_hash"), hash: try hexBytes("hash"), metadata: try object("metadata"), data: try object("data"))
    }
}

extension Data {
    /// Bytes from lower- or upper-case hex; nil when not hex or of odd length.
    init?(hexString: String) {
        let digits = Array(hexString.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        self.init(out)
    }
}
