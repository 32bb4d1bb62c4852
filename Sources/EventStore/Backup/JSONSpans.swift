/// Finds where each member's value lies in the text of one JSON object, without decoding the values,
/// so a backup line's `data` and `metadata` keep the exact bytes their hash covers.
enum JSONSpans {
    /// Key → byte range of its value, for a top-level object with nothing but whitespace around it;
    /// nil when the text is not one well-formed object (values are checked only as far as their extent).
    static func members(_ bytes: [UInt8]) -> [String: Range<Int>]? {
        var index = 0
        func skipSpace() { while index < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[index]) { index += 1 } }
        func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        /// Skips a string starting at `index` (a quote); false when unterminated.
        func skipString() -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""): index += 1; return true
                case 0x00..<0x20: return false
                default: index += 1
                }
            }
            return false
        }
        /// Skips any value; false when malformed.
        func skipValue(depth: Int) -> Bool {
            guard depth < 512 else { return false }
            skipSpace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""): return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let isObject = close == UInt8(ascii: "}")
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == close { index += 1; return true }
                while true {
                    if isObject {
                        skipSpace()
                        guard skipString(), expect(UInt8(ascii: ":")) else { return false }
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    guard index < bytes.count else { return false }
                    if bytes[index] == close { index += 1; return true }
                    guard bytes[index] == UInt8(ascii: ",") else { return false }
                    index += 1
                }
            default:
                let start = index
                while index < bytes.count, !",}] \n\r\t".utf8.contains(bytes[index]) { index += 1 }
                return index > start
            }
        }
        guard expect(UInt8(ascii: "{")) else { return nil }
        var members: [String: Range<Int>] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                let keyStart = index
                guard skipString() else { return nil }
                guard let key = String(validating: bytes[(keyStart + 1)..<(index - 1)], as: UTF8.self),
                      expect(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                let valueStart = index
                guard skipValue(depth: 1) else { return nil }
                guard members.updateValue(valueStart..<index, forKey: key) == nil else { return nil }
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
        }
        skipSpace()
        return index == bytes.count ? members : nil
    }
}
