import EventStore
import Foundation

/// Ids derived deterministically from a command id, so that retrying a command (same
/// `--command-id`) appends the same event ids and the store answers with the original result.
///
/// id = first 16 bytes of a digest of `"alvh/<label>/<command id>"`, stamped as an RFC 9562
/// version-8 UUID. Labels: `event/<index>` for the command's n-th event, `condor`, `layer`.
public enum EventIdentity {
    /// The id of the `index`-th event (0-based) a command produces.
    public static func eventID(command: UUID, index: Int) -> UUID {
        derive(command: command, label: "event/\(index)")
    }

    /// The id of a condor or layer a command creates when none was given.
    public static func entityID(command: UUID, kind: String) -> UUID {
        derive(command: command, label: kind)
    }

    /// A command id derived from content (an imported row): same content, same id.
    public static func commandID(content: String) -> UUID {
        uuid(from: digest(Array("alvh/content/\(content)".utf8)))
    }

    static func derive(command: UUID, label: String) -> UUID {
        uuid(from: digest(Array("alvh/\(label)/\(command.uuidString.lowercased())".utf8)))
    }

    static func uuid(from digest: [UInt8]) -> UUID {
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80 // version 8
        bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// The one place the digest is chosen. Until the store's `SHA256` lands on main this is a
    /// 128-bit FNV-1a pair; switch to `SHA256.hash(bytes)` then (ids are not yet persisted anywhere).
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            return hash
        }
        let words = [fnv(0), fnv(0x9E37_79B9_7F4A_7C15)]
        return words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    }
}
