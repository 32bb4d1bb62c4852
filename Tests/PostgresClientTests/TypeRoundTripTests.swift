import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct TypeRoundTripTests {
    @Test func scalarsRoundTripThroughBoundParameters() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        let id = UUID()
        let when = Date(timeIntervalSince1970: 1_764_057_730.123456)
        let row = try connection.query("SELECT $1::text, $2::bigint, $3::int, $4::boolean, $5::float8, $6::uuid, $7::timestamptz, $8::bytea",
                                       ["it's \"quoted\" ünïcode ✓", Int64.max, Int32(-7), true, 0.1, id, when, Data([0, 1, 2, 255])])
        #expect(try row.decode(String.self, row: 0, column: 0) == "it's \"quoted\" ünïcode ✓")
        #expect(try row.decode(Int64.self, row: 0, column: 1) == Int64.max)
        #expect(try row.decode(Int.self, row: 0, column: 2) == -7)
        #expect(try row.decode(Bool.self, row: 0, column: 3) == true)
        #expect(try row.decode(Double.self, row: 0, column: 4) == 0.1)
        #expect(try row.decode(UUID.self, row: 0, column: 5) == id)
        let back = try row.decode(Date.self, row: 0, column: 6)
        #expect(abs(back.timeIntervalSince1970 - when.timeIntervalSince1970) < 0.000001)
        #expect(try row.decode(Data.self, row: 0, column: 7) == Data([0, 1, 2, 255]))
    }

    @Test func numericDecodesExactlyIntoDecimal() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        let values = ["0", "0.01", "-0.01", "1234567.89", "-98765.4321", "100000000", "0.000000001", "12345678901234567890.123456789", "10000.0001", "-3"]
        for text in values {
            let expected = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            // Decimal → numeric → Decimal, and numeric written by the server → Decimal.
            let result = try connection.query("SELECT $1::numeric, $2::text::numeric, ($1::numeric)::text", [expected, text])
            #expect(try result.decode(Decimal.self, row: 0, column: 0) == expected, "bound \(text)")
            #expect(try result.decode(Decimal.self, row: 0, column: 1) == expected, "server \(text)")
            #expect(Decimal(string: try result.decode(String.self, row: 0, column: 2)) == expected)
        }
        // Sums of cents stay exact (0.1 + 0.2 = 0.3 in numeric).
        let sum = try connection.query("SELECT $1::numeric + $2::numeric", [Decimal(string: "0.1")!, Decimal(string: "0.2")!]).scalar(Decimal.self)
        #expect(sum == Decimal(string: "0.3")!)
    }

    @Test func timestamptzKeepsMicroseconds() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        let result = try connection.query("SELECT '2025-11-25 08:02:10.123457+00'::timestamptz, '1969-12-31 23:59:59.999995+00'::timestamptz, '2026-03-01'::date")
        let micros = try result.decode(PostgresTimestampMicros.self, row: 0, column: 0).unixMicroseconds
        #expect(micros == 1_764_057_730_123_457)
        #expect(try result.decode(PostgresTimestampMicros.self, row: 0, column: 1).unixMicroseconds == -5)
        #expect(PostgresTime.unixMicroseconds(try result.decode(Date.self, row: 0, column: 0)) == 1_764_057_730_123_457)
        #expect(try result.decode(Date.self, row: 0, column: 2) == Date(timeIntervalSince1970: 1_772_323_200))
    }

    @Test func jsonbAndArraysAndNulls() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        let result = try connection.query("SELECT $1::jsonb, ARRAY[1,2,3]::bigint[], ARRAY['a','b']::text[], $2::text, NULL::bigint, '{}'::bigint[]",
                                          [PostgresJSONB(#"{"b": 1, "a": [1, 2.50]}"#), String?.none])
        #expect(try result.decode(String.self, row: 0, column: 0) == #"{"a": [1, 2.50], "b": 1}"#)
        #expect(try result.decode(Data.self, row: 0, column: 0) == Data(#"{"a": [1, 2.50], "b": 1}"#.utf8))
        #expect(try result.decode([Int64].self, row: 0, column: 1) == [1, 2, 3])
        #expect(try result.decode([String].self, row: 0, column: 2) == ["a", "b"])
        #expect(try result.decode(String?.self, row: 0, column: 3) == nil)
        #expect(try result.decode(Int64?.self, row: 0, column: 4) == nil)
        #expect(result.isNull(row: 0, column: 4))
        #expect(try result.decode([Int64].self, row: 0, column: 5) == [])
        #expect(throws: PostgresError.self) { try result.decode(Int64.self, row: 0, column: 4) }
        #expect(throws: PostgresError.self) { try result.decode(Int64.self, row: 0, column: 0) }
    }

    @Test func valuesAreNeverSplicedIntoSQL() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (name text)")
        let hostile = "x'); DROP TABLE t; --"
        try connection.execute("INSERT INTO t VALUES ($1)", [hostile])
        #expect(try connection.query("SELECT name FROM t").scalar(String.self) == hostile)
    }
}
