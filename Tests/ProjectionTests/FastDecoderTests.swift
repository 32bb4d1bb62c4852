import EventStore
import Foundation
import Ledger
import PostgresClient
@testable import Projections
import Testing
import TestSupport

/// The replay's fast payload decoder gives exactly what the canonical Codable decoder gives, on the
/// server's stored jsonb text of a generated ledger (with signals, notes, quotes, escapes, Unicode).
@Suite("Fast payload decoding", .serialized)
struct FastDecoderTests {
    @Test func fastDecodingEqualsCanonicalDecoding() throws {
        let l = try LedgerOnStore()
        var session = RandomTradingSession(seed: 5)
        let reader = StoreReader(store: l.store)
        for _ in 0..<200 {
            let step = try session.next(reading: reader)
            try l.run(step.name, step.tokens)
        }
        let id = try l.openCondor(credit: "10.50", at: "2026-01-04T15:00:00Z", portfolio: "quote \" and \\ back ünï")
        try l.run("condor defer", [id.uuidString, "--reason", "noise \"spike\"", "--at", "2026-01-05T15:00:00Z", "--vix", "31.20", "--rsi", "72"])
        try l.run("condor close", [id.uuidString, "--price", "0.05", "--reason", "alvh", "--note", "tab\there", "--at", "2026-01-06T15:00:00Z"])
        try l.run("mark", ["--feed", "second", "--at", "2026-01-06T16:00:00Z", "--spx", "5000.10", "--vix", "15", "--vix9d", "14.5"].withQuotes(["2026-02-20 C 5100=1.00/1.20@0.15"]))

        let events = try l.store.readAll(after: 0, limit: 100_000)
        var fast = 0
        for event in events {
            let canonical = try LedgerEvent(recorded: event)
            guard let decoded = FastEventDecoder.decode(type: event.type, schemaVersion: event.schemaVersion, data: event.data) else { continue }
            fast += 1
            #expect(decoded == canonical, "\(event.type) at \(event.globalPosition)")
            #expect(String(describing: decoded) == String(describing: canonical), "\(event.type) at \(event.globalPosition)")
        }
        #expect(fast >= events.count * 9 / 10, "the fast path handled \(fast) of \(events.count)")

        // The replay's reader parses payloads straight from the result's bytes: the same events.
        let read = try EventReader(connection: l.store.connection).read(after: 0, upTo: try l.store.headPosition(), limit: 100_000)
        #expect(read.count == events.count)
        for (item, event) in zip(read, events) {
            let canonical = try LedgerEvent(recorded: event)
            #expect(item.position == event.globalPosition)
            #expect(item.event.eventID == event.eventID && item.event.streamID == event.streamID && item.event.version == event.streamVersion)
            #expect(item.event.occurredAt == event.occurredAt)
            #expect(item.event.event == canonical, "\(event.type) at \(event.globalPosition)")
            #expect(String(describing: item.event.event) == String(describing: canonical), "\(event.type) at \(event.globalPosition)")
        }
    }

    @Test func uuidsAndDatesMatchFoundationAndTheLedger() {
        for text in ["6F1C9B0E-3D2A-4C55-9E1B-2A7D3C4B5E6F", "6f1c9b0e-3d2a-4c55-9e1b-2a7d3c4b5e6f", "6f1c9b0e-3D2A-4c55-9e1b-2a7d3c4b5e6F",
                     UUID().uuidString, "6f1c9b0e3d2a4c559e1b2a7d3c4b5e6f", "6f1c9b0e-3d2a-4c55-9e1b-2a7d3c4b5e6", "6f1c9b0g-3d2a-4c55-9e1b-2a7d3c4b5e6f",
                     "{6f1c9b0e-3d2a-4c55-9e1b-2a7d3c4b5e6f}", "", "6f1c9b0e-3d2a-4c55-9e1b-2a7d3c4b5e6f "] {
            #expect(PayloadFields.uuid(text) == UUID(uuidString: text), "\(text)")
        }
        for text in ["2026-01-02", "2024-02-29", "2023-02-29", "1899-12-31", "3000-01-01", "2026-13-01", "2026-00-10", "2026-1-02",
                     "2026-01-2", "20260102", "2026/01/02", "2026-01-02T", "２０２６-01-02", "-026-01-02", "+2026-01-02", ""] {
            #expect(PayloadFields.date(text) == CalendarDate(iso: text), "\(text)")
        }
    }

    /// CondorClosed is read at version 2 (fees split) and at version 1 (one fees string, which the
    /// upcaster makes commissions with no exchange fees): both equal the canonical decoding.
    @Test func condorClosedAtBothVersions() throws {
        let id = UUID(uuidString: "6F1C9B0E-3D2A-4C55-9E1B-2A7D3C4B5E6F")!
        let v2 = try LedgerJSON.encode(CondorClosed(condorID: id, closedLegs: [], contracts: 2, price: Decimal(string: "1.35")!,
                                                     feeSplit: FeeSplit(commissions: Decimal(string: "2.60")!, exchange: Decimal(string: "0.42")!),
                                                     reason: .takeProfit, note: "v2"))
        let v1 = Data(#"{"condorID": "6F1C9B0E-3D2A-4C55-9E1B-2A7D3C4B5E6F", "closedLegs": [], "contracts": 2, "price": "1.35", "fees": "3.02", "reason": "stop"}"#.utf8)
        for (version, data) in [(2, v2), (1, v1)] {
            let canonical = try LedgerEvent(type: CondorClosed.eventType, schemaVersion: version, data: data)
            let fast = try #require(FastEventDecoder.decode(type: CondorClosed.eventType, schemaVersion: version, data: data))
            #expect(fast == canonical, "version \(version)")
            #expect(String(describing: fast) == String(describing: canonical), "version \(version)")
        }
        guard case .condorClosed(let closed)? = FastEventDecoder.decode(type: CondorClosed.eventType, schemaVersion: 2, data: v2) else {
            Issue.record("not a close"); return
        }
        #expect(closed.feeSplit == FeeSplit(commissions: Decimal(string: "2.60")!, exchange: Decimal(string: "0.42")!))
        // A version-1 body under version 2 (and the reverse) is not guessed at: the canonical decoder reports it.
        #expect(FastEventDecoder.decode(type: CondorClosed.eventType, schemaVersion: 2, data: v1) == nil)
        #expect(FastEventDecoder.decode(type: CondorClosed.eventType, schemaVersion: 1, data: v2) == nil)
        #expect(FastEventDecoder.decode(type: CondorClosed.eventType, schemaVersion: 3, data: v2) == nil)
    }

    @Test func decimalsMatchTheStrictParser() {
        for text in ["0", "-0", "10", "10.50", "0.05", "-3.25", "123456789012.345678", "5000.10", "1.000"] {
            let fast = PayloadFields.plainDecimal(text)
            let strict = DecimalParser.parse(text)
            #expect(fast == strict, "\(text)")
            #expect(fast.map { "\($0)" } == strict.map { "\($0)" }, "\(text)")
        }
        for text in ["", "-", ".5", "5.", "1e5", "+1", " 1", "1,5", "--1", "1.2.3"] {
            #expect(PayloadFields.plainDecimal(text) == nil, "\(text)")
        }
    }
}

/// COPY's decimal text equals Foundation's for every kind of value (the fast path is active here).
@Suite struct DecimalTextTests {
    @Test func fastDecimalTextEqualsFoundation() {
        #expect(CopyFormat.fastDecimalLayout)
        var rng = SplitMix64(seed: 11)
        var values: [Decimal] = [0, 1, -1, Decimal(1) / Decimal(3), Decimal(string: "-0.0001")!, Decimal(string: "99999999999999999999999")!]
        for _ in 0..<20_000 {
            let mantissa = UInt64.random(in: 0...UInt64.max >> UInt64.random(in: 0...60, using: &rng), using: &rng)
            let exponent = Int.random(in: -20...6, using: &rng)
            values.append(Decimal(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa)))
            values.append(Decimal(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 100 * Decimal(Int.random(in: 1...2000, using: &rng)))
        }
        for value in values {
            #expect(CopyFormat.decimal(value) == CopyFormat.foundationDecimal(value), "\(value)")
        }
    }
}

/// Binary COPY rows store exactly what the text forms store: every column type the projections
/// use, written both ways into PostgreSQL and compared as the server prints them.
@Suite("Binary COPY rows", .serialized)
struct CopyBinaryRowsTests {
    struct Sample {
        var id: UUID, text: String?, int4: Int, int8: Int64, numeric: Decimal?, date: CalendarDate, instant: Date?, json: String?
    }

    @Test func binaryRowsEqualTheTextForms() throws {
        let l = try LedgerOnStore()
        let connection = l.store.connection
        let columns = "k bigint, u uuid, x text, i integer, b bigint, n numeric, d date, ts timestamptz, j jsonb"
        try connection.execute("CREATE TEMP TABLE copied (\(columns))")
        try connection.execute("CREATE TEMP TABLE inserted (\(columns))")

        var rng = SplitMix64(seed: 5)
        var numerics: [Decimal?] = [nil, 0, 1, -1, Decimal(string: "10.50")!, Decimal(string: "0.05")!, Decimal(string: "-0.001")!,
                                    Decimal(string: "70000")!, Decimal(string: "123456789012.345678")!, Decimal(string: "18446744073709551615")!,
                                    Decimal(string: "99999999999999999999999")!, Decimal(1) / Decimal(3), Decimal(-2) / Decimal(3),
                                    Decimal(sign: .minus, exponent: 3, significand: 42), Decimal(sign: .plus, exponent: -20, significand: 7),
                                    Decimal(string: "0.0001")!, Decimal(string: "10000")!, Decimal(string: "9999.9999")!, Decimal(string: "-1234.5")!]
        for _ in 0..<500 {
            let mantissa = Decimal(Int.random(in: -10_000_000_000...10_000_000_000, using: &rng))
            numerics.append(mantissa * Decimal(sign: .plus, exponent: Int.random(in: -12...4, using: &rng), significand: 1))
            numerics.append(Decimal(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 100 * Decimal(Int.random(in: 1...2000, using: &rng)))
        }
        let dates = ["1900-01-01", "1999-12-31", "2000-01-01", "2000-02-29", "2026-01-02", "2100-03-01", "2999-12-31"].map { CalendarDate(iso: $0)! }
        var instants: [Date?] = [nil, Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 946_684_800),
                                 Date(timeIntervalSince1970: 946_684_799.999999), Date(timeIntervalSince1970: 1_767_366_896.123456)]
        for _ in 0..<200 { instants.append(Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000, using: &rng))) }
        let texts: [String?] = [nil, "", "plain", "tab\there", "back\\slash", "new\nline\r", "ünïcödé €", "\\N", "quote \" '"]
        let jsons: [String?] = [nil, "{}", #"{"spx": "5000.10", "vix": "15"}"#, #"[{"a": "x\ty"}, null, true, 1.5]"#]

        let samples = numerics.indices.map { index in
            Sample(id: UUID(), text: texts[index % texts.count], int4: Int(Int32.random(in: Int32.min...Int32.max, using: &rng)),
                   int8: Int64.random(in: Int64.min...Int64.max, using: &rng), numeric: numerics[index], date: dates[index % dates.count],
                   instant: instants[index % instants.count], json: jsons[index % jsons.count])
        }
        var rows = CopyBinaryRows()
        for (index, sample) in samples.enumerated() {
            rows.int8(Int64(index)); rows.uuid(sample.id); rows.text(sample.text); try rows.int4(sample.int4); rows.int8(sample.int8)
            try rows.numeric(sample.numeric); rows.date(sample.date); rows.timestamptz(sample.instant); rows.jsonb(sample.json.map { Data($0.utf8) })
            rows.endRow()
        }
        try connection.copyIn("COPY copied FROM STDIN (FORMAT binary)") { writer in
            try writer.write(CopyBinaryRows.header)
            try writer.write(rows.bytes)
            try writer.write(CopyBinaryRows.trailer)
        }
        // The text forms the rows were written in before: the decimal's text, the date's ISO form,
        // the instant as whole microseconds since 1970.
        for (index, sample) in samples.enumerated() {
            try connection.execute("""
                INSERT INTO inserted VALUES ($1, $2::uuid, $3, $4::integer, $5::bigint, $6::numeric, $7::date,
                    timestamptz '1970-01-01 00:00:00+00' + $8::bigint * interval '1 microsecond', $9::jsonb)
                """, [Int64(index), sample.id.uuidString.lowercased(), sample.text, String(sample.int4), String(sample.int8),
                      sample.numeric.map(CopyFormat.decimal), sample.date.description,
                      sample.instant.map { String(PostgresTime.unixMicroseconds($0)) }, sample.json])
        }
        // Each row with its numeric's scale (the text form keeps it: 10.50 is not stored as 10.5).
        let dump = "SELECT string_agg(t::text || ' ' || coalesce(scale(t.n)::text, '-'), E'\\n' ORDER BY k) FROM %@ t"
        let copied = try connection.query(dump.replacingOccurrences(of: "%@", with: "copied")).scalar(String.self)
        let inserted = try connection.query(dump.replacingOccurrences(of: "%@", with: "inserted")).scalar(String.self)
        #expect(try connection.query("SELECT count(*) FROM copied").scalar(Int64.self) == Int64(samples.count))
        #expect(copied == inserted)
    }

    @Test func numericPartsAreBaseTenThousandDigits() throws {
        func parts(_ text: String) -> (negative: Bool, weight: Int, scale: Int, digits: [Int16])? { CopyBinaryRows.numericParts(Array(text.utf8)) }
        #expect(parts("12345.6789")! == (false, 1, 4, [1, 2345, 6789]))
        #expect(parts("0.05")! == (false, -1, 2, [500]))
        #expect(parts("-70000")! == (true, 1, 0, [7]))
        #expect(parts("-0.00")! == (false, 0, 2, []))
        #expect(parts("10.50")! == (false, 0, 2, [10, 5000]))
        for bad in ["", "-", ".5", "5.", "1e5", "+1", "1,5", "--1", "1.2.3", " 1"] {
            #expect(parts(bad) == nil, "\(bad)")
        }
    }

    @Test func uuidTextEqualsFoundation() {
        for _ in 0..<1000 {
            let id = UUID()
            #expect(CopyFormat.uuid(id) == id.uuidString.lowercased())
        }
    }
}
