import Foundation

/// A value that can be an element of a bound array parameter (sent in PostgreSQL's binary format).
public protocol PostgresArrayElement {
    /// The element type's OID and its array type's OID.
    static var postgresElementOID: UInt32 { get }
    static var postgresArrayOID: UInt32 { get }
    /// The binary representation, or nil for NULL.
    func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool
}

extension Int64: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { PostgresType.int8 }
    public static var postgresArrayOID: UInt32 { 1016 }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        BigEndian.append(self, width: 8, to: &buffer)
        return true
    }
}

extension Int32: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { PostgresType.int4 }
    public static var postgresArrayOID: UInt32 { 1007 }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        BigEndian.append(Int64(self), width: 4, to: &buffer)
        return true
    }
}

extension String: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { PostgresType.text }
    public static var postgresArrayOID: UInt32 { 1009 }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: utf8)
        return true
    }
}

extension UUID: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { PostgresType.uuid }
    public static var postgresArrayOID: UInt32 { 2951 }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        let u = uuid
        buffer.append(contentsOf: [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15])
        return true
    }
}

/// `timestamptz[]` elements, rounded to the microsecond.
extension Date: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { PostgresType.timestamptz }
    public static var postgresArrayOID: UInt32 { 1185 }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        BigEndian.append(PostgresTime.microseconds(since2000: self), width: 8, to: &buffer)
        return true
    }
}

/// `jsonb[]` elements (the server parses each one, as it would text).
extension PostgresJSONB: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { PostgresType.jsonb }
    public static var postgresArrayOID: UInt32 { 3807 }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        buffer.append(1)  // jsonb binary format version
        buffer.append(contentsOf: json)
        return true
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { Wrapped.postgresElementOID }
    public static var postgresArrayOID: UInt32 { Wrapped.postgresArrayOID }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        switch self {
        case .none: false
        case .some(let value): value.appendPostgresBinary(to: &buffer)
        }
    }
}

/// One-dimensional arrays bind as PostgreSQL arrays in binary format (e.g. `[Int64]` as `bigint[]`).
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public var postgresBinding: PostgresBinding {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(20 + count * 12)
        BigEndian.append(1, width: 4, to: &buffer)  // dimensions
        let hasNullOffset = buffer.count
        BigEndian.append(0, width: 4, to: &buffer)  // has nulls, patched below
        BigEndian.append(Int64(Element.postgresElementOID), width: 4, to: &buffer)
        BigEndian.append(Int64(count), width: 4, to: &buffer)
        BigEndian.append(1, width: 4, to: &buffer)  // lower bound
        var hasNull = false
        for element in self {
            let lengthOffset = buffer.count
            buffer.append(contentsOf: [0, 0, 0, 0])
            if element.appendPostgresBinary(to: &buffer) {
                let length = UInt32(buffer.count - lengthOffset - 4)
                buffer[lengthOffset] = UInt8(truncatingIfNeeded: length >> 24)
                buffer[lengthOffset + 1] = UInt8(truncatingIfNeeded: length >> 16)
                buffer[lengthOffset + 2] = UInt8(truncatingIfNeeded: length >> 8)
                buffer[lengthOffset + 3] = UInt8(truncatingIfNeeded: length)
            } else {
                hasNull = true
                buffer.replaceSubrange(lengthOffset..<lengthOffset + 4, with: [0xff, 0xff, 0xff, 0xff])
            }
        }
        if hasNull { buffer[hasNullOffset + 3] = 1 }
        return PostgresBinding(typeOID: Element.postgresArrayOID, bytes: buffer, isBinary: true)
    }
}

extension BigEndian {
    static func append(_ value: Int64, width: Int, to buffer: inout [UInt8]) {
        for index in stride(from: width - 1, through: 0, by: -1) {
            buffer.append(UInt8(truncatingIfNeeded: value >> (8 * index)))
        }
    }
}
