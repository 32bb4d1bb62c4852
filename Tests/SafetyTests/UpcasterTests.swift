import EventStore
import Foundation
import Ledger
import Projections
import Testing
import TestSupport

/// Schema evolution: CondorClosed version 2 splits fees into commissions and exchange fees; events
/// stored at version 1 (fixtures) are still read, through `CondorClosedV1ToV2`.
@Suite struct UpcasterTests {
    struct FixtureEvent: Decodable {
        var stream: String
        var type: String
        var schema_version: Int
        var occurred_at: Date
        var data: JSONValue
    }

    /// Keeps a fixture's `data` as raw JSON bytes.
    struct JSONValue: Decodable {
        var bytes: Data
        init(from decoder: Decoder) throws {
            let any = try decoder.singleValueContainer().decode(AnyJSON.self)
            bytes = try JSONSerialization.data(withJSONObject: any.value, options: [.sortedKeys])
        }
    }

    struct AnyJSON: Decodable {
        var value: Any
        init(from decoder: Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var values: [Any] = []
                while !array.isAtEnd { values.append(try array.decode(AnyJSON.self).value) }
                value = values
            } else if let object = try? decoder.container(keyedBy: Key.self) {
                var values: [String: Any] = [:]
                for key in object.allKeys { values[key.stringValue] = try object.decode(AnyJSON.self, forKey: key).value }
                value = values
            } else {
                let single = try decoder.singleValueContainer()
                if let text = try? single.decode(String.self) { value = text }
                else if let number = try? single.decode(Int.self) { value = number }
                else if let number = try? single.decode(Double.self) { value = number }
                else if let flag = try? single.decode(Bool.self) { value = flag }
                else { value = NSNull() }
            }
        }
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    static func fixture(_ name: String) throws -> [FixtureEvent] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([FixtureEvent].self, from: Data(contentsOf: Safety.fixture(name)))
    }

    @Test func version1CondorClosedReadsAsVersion2WithFeesAsCommissions() throws {
        let events = try Self.fixture("condor-lifecycle-v1.json")
        let closed = try #require(events.first { $0.type == "CondorClosed" })
        #expect(closed.schema_version == 1)
        guard case .condorClosed(let payload) = try LedgerEvent(type: closed.type, schemaVersion: 1, data: closed.data.bytes) else {
            Issue.record("not a CondorClosed"); return
        }
        #expect(payload.feeSplit == FeeSplit(commissions: Decimal(string: "5.2")!, exchange: 0))
        #expect(payload.fees == Decimal(string: "5.2")!)
        #expect(payload.price == Decimal(string: "2.1")!)
        #expect(payload.reason == .takeProfit)
        #expect(payload.note == "closed early")
        #expect(payload.closedLegs.count == 4)
        #expect(payload.condorID == UUID(uuidString: "F2677ED4-973A-8B6A-A611-B7550B4A11A5"))
    }

    @Test func upcasterMapsTheFieldAndLeavesTheRest() throws {
        let v1: [String: Any] = ["fees": "1.30", "price": "2", "note": "n", "contracts": 1]
        let v2 = try CondorClosedV1ToV2().upcast(v1)
        #expect(v2["fees"] as? [String: String] == ["commissions": "1.30", "exchange": "0"])
        #expect(v2["price"] as? String == "2" && v2["note"] as? String == "n" && v2["contracts"] as? Int == 1)
        #expect(throws: EventUpcastingError.malformed(type: "CondorClosed", version: 1, field: "fees", rule: "must be a decimal string")) {
            try CondorClosedV1ToV2().upcast(["fees": 5.2])
        }
    }

    @Test func version2IsReadNativelyAndWrittenAsVersion2() throws {
        let payload = CondorClosed(condorID: UUID(), closedLegs: [], contracts: 3, price: Decimal(string: "1.05")!,
                                   feeSplit: FeeSplit(commissions: Decimal(string: "3.90")!, exchange: Decimal(string: "0.66")!), reason: .stop)
        let new = try LedgerEvent.newEvent(payload, id: UUID(), occurredAt: Date(timeIntervalSince1970: 0),
                                           metadata: EventMetadata(commandID: UUID(), actor: "t", toolVersion: "t"))
        #expect(new.schemaVersion == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: new.data) as? [String: Any])
        #expect(json["fees"] as? [String: String] == ["commissions": "3.9", "exchange": "0.66"])
        #expect(try LedgerEvent(new: new) == .condorClosed(payload))
        #expect(payload.fees == Decimal(string: "4.56")!)
        // The same bytes claimed as version 1 are not a version-1 payload.
        #expect(throws: EventUpcastingError.self) { try LedgerEvent(type: "CondorClosed", schemaVersion: 1, data: new.data) }
    }

    @Test func unknownFutureAndInvalidVersionsAreRefusedClearly() throws {
        let data = Data(#"{"fees": {"commissions": "1", "exchange": "0"}}"#.utf8)
        let future = #expect(throws: EventUpcastingError.self) { try LedgerEvent(type: "CondorClosed", schemaVersion: 3, data: data) }
        #expect(future?.description == "CondorClosed schema version 3 is newer than this alvh reads (at most 2): use a newer alvh")
        #expect(throws: EventUpcastingError.newerThanSupported(type: "PortfolioOpened", version: 2, newest: 1)) {
            try LedgerEvent(type: "PortfolioOpened", schemaVersion: 2, data: Data(#"{"name": "x"}"#.utf8))
        }
        #expect(throws: EventUpcastingError.invalidVersion(type: "CondorClosed", version: 0)) {
            try LedgerEvent(type: "CondorClosed", schemaVersion: 0, data: data)
        }
        let malformed = try Self.fixture("condor-closed-v1-malformed.json")[0]
        #expect(throws: EventUpcastingError.malformed(type: "CondorClosed", version: 1, field: "fees", rule: "must be a decimal string")) {
            try LedgerEvent(type: malformed.type, schemaVersion: malformed.schema_version, data: malformed.data.bytes)
        }
    }

    /// The version-1 fixture stored in PostgreSQL as it was written then, read back through the
    /// recorder's reader, the state fold and the projections.
    @Test func storedVersion1EventsStillFoldAndProject() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        defer { store.connection.close() }
        for event in try Self.fixture("condor-lifecycle-v1.json") {
            try store.append(to: event.stream, expected: .any, events: [
                NewEvent(type: event.type, schemaVersion: event.schema_version, data: event.data.bytes, occurredAt: event.occurred_at)])
        }
        let stream = "condor-f2677ed4-973a-8b6a-a611-b7550b4a11a5"
        #expect(try store.readStream(stream).map(\.schemaVersion) == [1, 1])
        let events = try StoreLedgerReader(store: store).events(inStream: stream)
        let state = try #require(CondorState.fold(events))
        #expect(state.status.rawValue == "closed")
        let outcome = try Projector.catchUp(store: store)
        #expect(outcome.checkpoint == 3)
        let fees = try store.connection.query("SELECT fees::text, realized_pnl::text FROM alvh_projection.condors")
        // Fees: 5.20 opening + 5.20 closing. Realized: (10.25 − 2.10) × 100 × 2 − 10.40 = 1619.60.
        #expect(Decimal(string: try fees.decode(String.self, row: 0, column: 0)) == Decimal(string: "10.4"))
        #expect(Decimal(string: try fees.decode(String.self, row: 0, column: 1)) == Decimal(string: "1619.6"))
    }
}
