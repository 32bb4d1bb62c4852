import EventStore
import Foundation
import Ledger
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
            #expect(Fields.uuid(text) == UUID(uuidString: text), "\(text)")
        }
        for text in ["2026-01-02", "2024-02-29", "2023-02-29", "1899-12-31", "3000-01-01", "2026-13-01", "2026-00-10", "2026-1-02",
                     "2026-01-2", "20260102", "2026/01/02", "2026-01-02T", "２０２６-01-02", "-026-01-02", "+2026-01-02", ""] {
            #expect(Fields.date(text) == CalendarDate(iso: text), "\(text)")
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
            let fast = Fields.plainDecimal(text)
            let strict = DecimalParser.parse(text)
            #expect(fast == strict, "\(text)")
            #expect(fast.map { "\($0)" } == strict.map { "\($0)" }, "\(text)")
        }
        for text in ["", "-", ".5", "5.", "1e5", "+1", " 1", "1,5", "--1", "1.2.3"] {
            #expect(Fields.plainDecimal(text) == nil, "\(text)")
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

/// COPY text rows written byte by byte: PostgreSQL's text forms and escaping.
@Suite struct CopyTextBufferTests {
    @Test func fieldsAndEscapes() {
        var row = CopyTextBuffer()
        let id = UUID(uuidString: "6F1C9B0E-3D2A-4C55-9E1B-2A7D3C4B5E6F")!
        row.uuid(id)
        row.text("tab\there \\ new\nline\r")
        row.text(nil as String?)
        row.integer(-42)
        row.integer(Int64(1_000_000_000_123))
        row.decimal(Decimal(string: "-0.05")!)
        row.date(CalendarDate(year: 2026, month: 1, day: 2)!)
        row.instant(Date(timeIntervalSince1970: 1_767_366_896.123456))
        row.instant(Date(timeIntervalSince1970: -1))
        row.text("ünï")
        row.endRow()
        row.decimal(Decimal(string: "70000")!)
        row.endRow()
        #expect(String(decoding: row.bytes, as: UTF8.self) == """
            6f1c9b0e-3d2a-4c55-9e1b-2a7d3c4b5e6f\ttab\\there \\\\ new\\nline\\r\t\\N\t-42\t1000000000123\t-0.05\t2026-01-02\t2026-01-02 15:14:56.123456+00\t1969-12-31 23:59:59.000000+00\tünï
            70000

            """)
    }

    @Test func uuidTextEqualsFoundation() {
        for _ in 0..<1000 {
            let id = UUID()
            #expect(CopyFormat.uuid(id) == id.uuidString.lowercased())
        }
    }
}
