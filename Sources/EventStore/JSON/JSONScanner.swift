import Foundation

/// The one JSON scanner of the tool: a cursor over UTF-8 bytes that either builds a `JSONValue`
/// (the replay's fast payload decoding) or only finds where values lie (a backup line's exact
/// payload bytes, the append's shape check). It never allocates for what it skips.
///
/// `value()` is strict about structure and lenient where the caller re-checks: strings with `\u`
/// escapes are not decoded (nil: the caller falls back to Foundation), numbers are kept as text.
public struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    public private(set) var index = 0

    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The whole text as one value with nothing but whitespace around it; nil when it is not one.
    public mutating func document() -> JSONValue? {
        guard let value = value() else { return nil }
        skipSpace()
        return index == bytes.count ? value : nil
    }

    /// Parses the value at the cursor.
    public mutating func value() -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default:
            let start = index
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }
    }

    private mutating func object() -> JSONValue? {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipSpace()
            guard let key = string(), expect(UInt8(ascii: ":")), let item = value() else { return nil }
            members.append((key, item))
            switch separator(closing: UInt8(ascii: "}")) {
            case .more: continue
            case .end: return .object(members)
            case .malformed: return nil
            }
        }
    }

    private mutating func array() -> JSONValue? {
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            guard let item = value() else { return nil }
            items.append(item)
            switch separator(closing: UInt8(ascii: "]")) {
            case .more: continue
            case .end: return .array(items)
            case .malformed: return nil
            }
        }
    }

    private enum Separator { case more, end, malformed }

    /// After a member or element: `,` (more follow) or the closing bracket.
    private mutating func separator(closing: UInt8) -> Separator {
        skipSpace()
        guard index < bytes.count else { return .malformed }
        if bytes[index] == UInt8(ascii: ",") { index += 1; return .more }
        if bytes[index] == closing { index += 1; return .end }
        return .malformed
    }

    /// A string starting at `"`, escapes decoded; nil for a `\u` escape (left to Foundation).
    public mutating func string() -> String? {
        guard let scanned = stringBytes() else { return nil }
        let raw = scanned.0
        if scanned.plain { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            guard i + 1 < raw.count, let unescaped = Self.unescaped(raw[i + 1]) else { return nil }
            out.append(unescaped)
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes between a string's quotes, escapes left as written, and whether it has none.
    private mutating func stringBytes() -> (UnsafeBufferPointer<UInt8>, plain: Bool)? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        var plain = true
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") { plain = false; index += 2 } else { index += 1 }
        }
        guard index < bytes.count else { return nil }
        index += 1
        return (UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), plain)
    }

    private static func unescaped(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5c
        case UInt8(ascii: "/"): 0x2f
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0c
        case UInt8(ascii: "n"): 0x0a
        case UInt8(ascii: "r"): 0x0d
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return value
    }

    // MARK: skipping

    /// Moves past the value at the cursor without building it; false when it is malformed
    /// (structure, strings and literals are checked; numbers only for their extent).
    public mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < 512 else { return false }
        skipSpace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["): return skipContainer(depth: depth)
        default:
            let start = index
            while index < bytes.count, !Self.endsScalar(bytes[index]) { index += 1 }
            return index > start
        }
    }

    private mutating func skipContainer(depth: Int) -> Bool {
        let isObject = bytes[index] == UInt8(ascii: "{")
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == closing { index += 1; return true }
        while true {
            if isObject {
                skipSpace()
                guard skipString(), expect(UInt8(ascii: ":")) else { return false }
            }
            guard skipValue(depth: depth + 1) else { return false }
            switch separator(closing: closing) {
            case .more: continue
            case .end: return true
            case .malformed: return false
            }
        }
    }

    /// Moves past a string starting at `"`; false when unterminated or holding a control character.
    private mutating func skipString() -> Bool {
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

    mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || isSpace(byte)
    }
}

extension JSONScanner {
    /// Parses `data` as one JSON document.
    public static func parse(_ data: Data) -> JSONValue? {
        data.withUnsafeBytes { raw in
            var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.document()
        }
    }

    /// Key → byte range of its value, for a top-level object with nothing but whitespace around it;
    /// nil when the text is not one well-formed object or repeats a key.
    public static func memberSpans(_ bytes: [UInt8]) -> [String: Range<Int>]? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(bytes: buffer)
            return scanner.topLevelMemberSpans()
        }
    }

    private mutating func topLevelMemberSpans() -> [String: Range<Int>]? {
        guard expect(UInt8(ascii: "{")) else { return nil }
        var members: [String: Range<Int>] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                let keyStart = index
                guard skipString(), let key = String(validating: UnsafeBufferPointer(rebasing: bytes[(keyStart + 1)..<(index - 1)]), as: UTF8.self),
                      expect(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                let start = index
                guard skipValue(depth: 1), members.updateValue(start..<index, forKey: key) == nil else { return nil }
                let next = separator(closing: UInt8(ascii: "}"))
                if next == .end { break }
                guard next == .more else { return nil }
            }
        }
        skipSpace()
        return index == bytes.count ? members : nil
    }

    /// Whether `data` is one JSON object with nothing but whitespace around it.
    public static func isSingleObject(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self))
            scanner.skipSpace()
            guard scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == UInt8(ascii: "{"), scanner.skipValue() else { return false }
            scanner.skipSpace()
            return scanner.index == scanner.bytes.count
        }
    }
}
