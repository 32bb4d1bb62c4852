/// A `timestamptz` read exactly, as microseconds, with no trip through floating point.
public struct PostgresTimestampMicros: PostgresDecodable, Sendable, Equatable {
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    public var unixMicroseconds: Int64

    public static func decode(from cell: PostgresCell) throws -> PostgresTimestampMicros {
        guard cell.typeOID == PostgresType.timestamptz || cell.typeOID == PostgresType.timestamp else {
            throw cell.mismatch(PostgresTimestampMicros.self)
        }
        return PostgresTimestampMicros(unixMicroseconds: cell.integer(width: 8) + 946_684_800_000_000)
    }
}
