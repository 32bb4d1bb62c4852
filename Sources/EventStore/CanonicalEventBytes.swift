import Foundation

/// The bytes an event's hash covers, exactly as `alvh_canonical_bytes` in schema/0001 builds them:
/// for each field in order, its UTF-8 length as a 4-byte big-endian integer, then its bytes.
/// Fields: global position, stream id, stream version, event id (lower-case), type, schema version,
/// occurred_at in µs since 1970 UTC, data (jsonb text), metadata (jsonb text); numbers in decimal.
/// hash = sha256(prev_hash ‖ canonical bytes); the first event's prev_hash is 32 zero bytes.
public enum CanonicalEventBytes {
    public static func bytes(globalPosition: Int64, streamID: String, streamVersion: Int64, eventID: UUID, type: String,
                             schemaVersion: Int, occurredAtUnixMicros: Int64, data: Data, metadata: Data) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + metadata.count + 160)
        func field<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            let length = UInt32(bytes.count)
            out.append(UInt8(truncatingIfNeeded: length >> 24))
            out.append(UInt8(truncatingIfNeeded: length >> 16))
            out.append(UInt8(truncatingIfNeeded: length >> 8))
            out.append(UInt8(truncatingIfNeeded: length))
            out.append(contentsOf: bytes)
        }
        field(String(globalPosition).utf8)
        field(streamID.utf8)
        field(String(streamVersion).utf8)
        field(eventID.uuidString.lowercased().utf8)
        field(type.utf8)
        field(String(schemaVersion).utf8)
        field(String(occurredAtUnixMicros).utf8)
        field(data)
        field(metadata)
        return out
    }

    /// sha256(prev ‖ canonical bytes).
    public static func chainedHash(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var hasher = SHA256.Hasher()
        hasher.update(previous)
        hasher.update(canonical)
        return hasher.finalize()
    }

    /// The first event's previous hash.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)
}
