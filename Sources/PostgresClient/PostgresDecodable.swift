import Foundation

/// One non-NULL value of a result in PostgreSQL's binary format. `bytes` is valid only during
/// the `decode` call that receives it.
public struct PostgresCell {
    public let typeOID: UInt32
    public let bytes: UnsafeRawBufferPointer
    /// The column's name, for error messages.
    public let columnName: String

    public init(typeOID: UInt32, bytes: UnsafeRawBufferPointer, columnName: String) {
        self.typeOID = typeOID
        self.bytes = bytes
        self.columnName = columnName
    }

    /// A decoding error that names the column, its type and the Swift type asked for.
    public func mismatch(_ swiftType: Any.Type) -> PostgresError {
        PostgresError(kind: .decodingFailed, message: "column \(columnName): cannot decode PostgreSQL type OID \(typeOID) as \(swiftType)")
    }

    func integer(width: Int) -> Int64 {
        var value: Int64 = 0
        for index in 0..<width { value = value << 8 | Int64(bytes[index]) }
        // Sign-extend narrower integers.
        let shift = Int64(64 - 8 * width)
        return (value << shift) >> shift
    }

    var byteArray: [UInt8] { [UInt8](bytes) }

    var utf8String: String { String(decoding: bytes, as: UTF8.self) }
}

/// A Swift type a result value can be decoded into. NULL decodes only into an `Optional`.
public protocol PostgresDecodable {
    static func decode(from cell: PostgresCell) throws -> Self
    /// Called for SQL NULL; the default throws (only `Optional` accepts NULL).
    static func decodeNull(columnName: String) throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull(columnName: String) throws -> Self {
        throw PostgresError(kind: .decodingFailed, message: "column \(columnName): is NULL, expected \(Self.self)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Wrapped? { try Wrapped.decode(from: cell) }
    public static func decodeNull(columnName: String) throws -> Wrapped? { nil }
}

/// Text, and the text of `uuid`, `json` and `jsonb` values.
extension String: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> String {
        switch cell.typeOID {
        case PostgresType.text, PostgresType.varchar, PostgresType.bpchar, PostgresType.name, PostgresType.unknown, PostgresType.json:
            return cell.utf8String
        case PostgresType.jsonb:
            return String(decoding: UnsafeRawBufferPointer(rebasing: cell.bytes.dropFirst()), as: UTF8.self)
        case PostgresType.uuid:
            return try UUID.decode(from: cell).uuidString.lowercased()
        default:
            throw cell.mismatch(String.self)
        }
    }
}

extension Int64: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int64 {
        switch cell.typeOID {
        case PostgresType.int2: return cell.integer(width: 2)
        case PostgresType.int4: return cell.integer(width: 4)
        case PostgresType.int8, PostgresType.xid8: return cell.integer(width: 8)
        case PostgresType.oid: return cell.integer(width: 4) & 0xffff_ffff
        default: throw cell.mismatch(Int64.self)
        }
    }
}

extension Int: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int { Int(try Int64.decode(from: cell)) }
}

extension Int32: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int32 {
        let wide = try Int64.decode(from: cell)
        guard let value = Int32(exactly: wide) else {
            throw PostgresError(kind: .decodingFailed, message: "column \(cell.columnName): \(wide) does not fit Int32")
        }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Bool {
        guard cell.typeOID == PostgresType.bool else { throw cell.mismatch(Bool.self) }
        return cell.bytes[0] != 0
    }
}

extension Double: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Double {
        switch cell.typeOID {
        case PostgresType.float8: return Double(bitPattern: UInt64(bitPattern: cell.integer(width: 8)))
        case PostgresType.float4: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: cell.integer(width: 4))))
        case PostgresType.int2, PostgresType.int4, PostgresType.int8: return Double(try Int64.decode(from: cell))
        case PostgresType.numeric: return NSDecimalNumber(decimal: try Decimal.decode(from: cell)).doubleValue
        default: throw cell.mismatch(Double.self)
        }
    }
}

/// `numeric` decoded exactly (up to Decimal's 38 significant digits); integers too.
extension Decimal: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Decimal {
        switch cell.typeOID {
        case PostgresType.int2, PostgresType.int4, PostgresType.int8:
            return Decimal(try Int64.decode(from: cell))
        case PostgresType.numeric:
            let digitCount = Int(cell.integer(width: 2))
            let weight = Int(Int16(truncatingIfNeeded: cell.integer(width: 4) & 0xffff))
            let header = [UInt8](cell.bytes.prefix(8))
            let sign = UInt16(header[4]) << 8 | UInt16(header[5])
            switch sign {
            case 0x0000, 0x4000: break
            case 0xC000: return Decimal.nan
            default:
                throw PostgresError(kind: .decodingFailed, message: "column \(cell.columnName): infinite numeric has no Decimal value")
            }
            var significand = Decimal(0)
            for index in 0..<digitCount {
                let offset = 8 + 2 * index
                let digit = Int(cell.bytes[offset]) << 8 | Int(cell.bytes[offset + 1])
                significand = significand * 10000 + Decimal(digit)
            }
            if digitCount == 0 { return Decimal(0) }
            let exponent = (weight - (digitCount - 1)) * 4
            var value = Decimal(sign: .plus, exponent: exponent, significand: significand)
            if sign == 0x4000 { value.negate() }
            return value
        default:
            throw cell.mismatch(Decimal.self)
        }
    }
}

/// `timestamptz`, `timestamp` (read as UTC) and `date` (midnight UTC).
extension Date: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Date {
        switch cell.typeOID {
        case PostgresType.timestamptz, PostgresType.timestamp:
            let micros = cell.integer(width: 8)
            if micros == Int64.max || micros == Int64.min {
                throw PostgresError(kind: .decodingFailed, message: "column \(cell.columnName): infinite timestamp has no Date value")
            }
            return PostgresTime.date(microsecondsSince2000: micros)
        case PostgresType.date:
            let days = cell.integer(width: 4)
            return Date(timeIntervalSince1970: PostgresTime.epoch2000 + Double(days) * 86_400)
        default:
            throw cell.mismatch(Date.self)
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> UUID {
        guard cell.typeOID == PostgresType.uuid, cell.bytes.count == 16 else { throw cell.mismatch(UUID.self) }
        let b = cell.bytes
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

/// `bytea` as raw bytes; `json`, `jsonb` and text as their UTF-8 text.
extension Data: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Data {
        switch cell.typeOID {
        case PostgresType.bytea, PostgresType.json, PostgresType.text, PostgresType.varchar:
            return Data(cell.bytes)
        case PostgresType.jsonb:
            return Data(cell.bytes.dropFirst())
        default:
            throw cell.mismatch(Data.self)
        }
    }
}

/// One-dimensional arrays (e.g. `bigint[]`, `text[]`); NULL elements are not supported here.
extension Array: PostgresDecodable where Element: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> [Element] {
        let bytes = cell.bytes
        func int32(_ offset: Int) -> Int {
            Int(Int32(bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])))
        }
        guard bytes.count >= 12 else { throw cell.mismatch([Element].self) }
        let dimensions = int32(0)
        let elementType = UInt32(truncatingIfNeeded: int32(8))
        if dimensions == 0 { return [] }
        guard dimensions == 1 else {
            throw PostgresError(kind: .decodingFailed, message: "column \(cell.columnName): only one-dimensional arrays are supported")
        }
        let count = int32(12)
        var offset = 20
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            let length = int32(offset)
            offset += 4
            if length < 0 {
                result.append(try Element.decodeNull(columnName: cell.columnName))
                continue
            }
            let element = PostgresCell(typeOID: elementType, bytes: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), columnName: cell.columnName)
            result.append(try Element.decode(from: element))
            offset += length
        }
        return result
    }
}
