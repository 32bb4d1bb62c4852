import Foundation

/// The bytes an event's hash covers, exactly as schema/0001 builds them (`alvh_canonical_text`): the
/// UTF-8 text `L1,…,L9;F1…F9`, where F1…F9 are the fields below as text and Li is Fi's byte length
/// in decimal. Fields: global position, stream id, stream version, event id (lower-case), type,
/// schema version, occurred_at in µs since 1970 UTC, data (jsonb text), metadata (jsonb text);
/// numbers in decimal. hash = sha256(prev_hash ‖ canonical bytes); the first prev_hash is 32 zeros.
public enum CanonicalEventBytes {
    public static func bytes(globalPosition: Int64, streamID: String, streamVersion: Int64, eventID: UUID, type: String,
                             schemaVersion: Int, occurredAtUnixMicros: Int64, data: Data, metadata: Data) -> [UInt8] {
        let fields: [[UInt8]] = [
            Array(String(globalPosition).utf8), Array(streamID.utf8), Array(String(streamVersion).utf8),
            Array(eventID.uuidString.lowercased().utf8), Array(type.utf8), Array(String(schemaVersion).utf8),
            Array(String(occurredAtUnixMicros).utf8), [UInt8](data), [UInt8](metadata),
        ]
        var out = Array(fields.map { String($0.count) }.joined(separator: ",").utf8)
        out.reserveCapacity(out.count + 1 + fields.reduce(0) { $0 + $1.count })
        out.append(UInt8(ascii: ";"))
        for field in fields { out.append(contentsOf: field) }
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
