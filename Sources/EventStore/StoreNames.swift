/// Rules for stream ids and event types, checked before anything is sent (the schema's CHECK
/// constraints are the backstop).
public enum StoreNames {
    /// `<category>-<id>`: a lower-case category (`condor`, `hedge`, `market`, …), a hyphen, then an id
    /// of letters, digits and `. _ : -`; at most 200 characters.
    public static func validateStreamID(_ streamID: String) throws {
        let bytes = Array(streamID.utf8)
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), dash > 0, dash < bytes.count - 1, bytes.count <= 200,
              isLower(bytes[0]),
              bytes[1..<dash].allSatisfy({ isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") }),
              bytes[(dash + 1)...].allSatisfy({ isLetter($0) || isDigit($0) || ".-_:".utf8.contains($0) })
        else {
            throw EventStoreError.invalidArgument("stream id \"\(streamID)\": must be <category>-<id> (e.g. condor-<uuid>), a lower-case category, an id of letters, digits and . _ : -, at most 200 characters")
        }
    }

    /// An event type such as `CondorOpened`: starts with a letter; letters, digits, `_`, `.`; ≤ 100.
    public static func validateType(_ type: String) throws {
        let bytes = Array(type.utf8)
        guard let first = bytes.first, isLetter(first), bytes.count <= 100,
              bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") })
        else {
            throw EventStoreError.invalidArgument("event type \"\(type)\": must start with a letter and hold only letters, digits, _ and . (at most 100 characters)")
        }
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7a }
    private static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || (byte >= 0x41 && byte <= 0x5a) }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
