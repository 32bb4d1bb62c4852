import Foundation

/// How one bound parameter travels to the server: its type OID (0 lets the server infer it),
/// its bytes, and whether they are in PostgreSQL's text or binary format. `nil` bytes is SQL NULL.
public struct PostgresBinding: Sendable {
    public var typeOID: UInt32
    public var bytes: [UInt8]?
    public var isBinary: Bool

    public init(typeOID: UInt32, bytes: [UInt8]?, isBinary: Bool) {
        self.typeOID = typeOID
        self.bytes = bytes
        self.isBinary = isBinary
    }

    public static func text(_ string: String, typeOID: UInt32 = 0) -> PostgresBinding {
        PostgresBinding(typeOID: typeOID, bytes: Array(string.utf8), isBinary: false)
    }

    public static func null(typeOID: UInt32 = 0) -> PostgresBinding {
        PostgresBinding(typeOID: typeOID, bytes: nil, isBinary: false)
    }
}

/// A Swift value that can be a bound parameter. Values are never spliced into SQL text.
public protocol PostgresEncodable {
    var postgresBinding: PostgresBinding { get }
}

/// Type OIDs the client uses (from pg_type).
public enum PostgresType {
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let json: UInt32 = 114
    public static let float4: UInt32 = 700
    public static let float8: UInt32 = 701
    public static let unknown: UInt32 = 705
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let date: UInt32 = 1082
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802
    public static let xid8: UInt32 = 5069
}

/// Strings are sent as untyped text so the server reads them as whatever the context needs.
extension String: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(self) }
}

extension Int: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(String(self), typeOID: PostgresType.int8) }
}

extension Int64: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(String(self), typeOID: PostgresType.int8) }
}

extension Int32: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(String(self), typeOID: PostgresType.int4) }
}

extension Bool: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(self ? "t" : "f", typeOID: PostgresType.bool) }
}

/// Binary floating point, for model outputs only; money is `Decimal`.
extension Double: PostgresEncodable {
    public var postgresBinding: PostgresBinding {
        if isNaN { return .text("NaN", typeOID: PostgresType.float8) }
        if isInfinite { return .text(self > 0 ? "Infinity" : "-Infinity", typeOID: PostgresType.float8) }
        return .text("\(self)", typeOID: PostgresType.float8)
    }
}

/// Sent as `numeric` in its exact decimal text form.
extension Decimal: PostgresEncodable {
    public var postgresBinding: PostgresBinding {
        .text(isNaN ? "NaN" : NSDecimalNumber(decimal: self).description(withLocale: Locale(identifier: "en_US_POSIX")),
              typeOID: PostgresType.numeric)
    }
}

/// Sent as `timestamptz`, rounded to the microsecond (PostgreSQL's resolution).
extension Date: PostgresEncodable {
    public var postgresBinding: PostgresBinding {
        PostgresBinding(typeOID: PostgresType.timestamptz, bytes: BigEndian.bytes(PostgresTime.microseconds(since2000: self)), isBinary: true)
    }
}

extension UUID: PostgresEncodable {
    public var postgresBinding: PostgresBinding {
        let u = uuid
        return PostgresBinding(typeOID: PostgresType.uuid, bytes: [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15], isBinary: true)
    }
}

/// Sent as `bytea`.
extension Data: PostgresEncodable {
    public var postgresBinding: PostgresBinding { PostgresBinding(typeOID: PostgresType.bytea, bytes: [UInt8](self), isBinary: true) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresBinding: PostgresBinding {
        switch self {
        case .none: .null()
        case .some(let value): value.postgresBinding
        }
    }
}

/// A JSON document bound as `jsonb` (the bytes must be UTF-8 JSON text).
public struct PostgresJSONB: PostgresEncodable, Sendable {
    public var json: Data
    public init(_ json: Data) { self.json = json }
    public init(_ json: String) { self.json = Data(json.utf8) }
    public var postgresBinding: PostgresBinding {
        PostgresBinding(typeOID: PostgresType.jsonb, bytes: [UInt8](json), isBinary: false)
    }
}

/// PostgreSQL's binary timestamps: microseconds since 2000-01-01 00:00:00 UTC.
public enum PostgresTime {
    /// Seconds from 1970-01-01 to 2000-01-01.
    public static let epoch2000: Double = 946_684_800

    public static func microseconds(since2000 date: Date) -> Int64 {
        Int64(((date.timeIntervalSince1970 - epoch2000) * 1_000_000).rounded())
    }

    /// Microseconds since 1970-01-01 UTC, rounded: the unit of the hash chain's `occurred_at`.
    public static func unixMicroseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    public static func date(microsecondsSince2000 micros: Int64) -> Date {
        let seconds = micros / 1_000_000
        let remainder = micros % 1_000_000
        return Date(timeIntervalSince1970: epoch2000 + Double(seconds) + Double(remainder) / 1_000_000)
    }
}

enum BigEndian {
    static func bytes(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }
}
