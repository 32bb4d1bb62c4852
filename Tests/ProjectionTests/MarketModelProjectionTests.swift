import EventStore
import Foundation
import Ledger
import Market
import Projections
import Testing
import TestSupport

/// Which market model values what the projections show, through the real store and projector.
@Suite("Market models in the projections", .serialized)
struct MarketModelProjectionTests {
    static func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// The value of the condor every test opens, at `mark`, with `model`.
    static func value(_ model: MarketModel, spx: Decimal, vix: Decimal, at: String) throws -> Decimal {
        let legs = try IronCondorLegs(expiry: CalendarDate(iso: "2026-03-20")!, longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350)
        let mark = MarketMark(eventID: UUID(), position: 0, at: iso(at), observed: MarketObserved(spx: spx, vix: vix), model: model)
        return model.value(legs, underlying: .spx, at: mark).perUnit
    }

    /// A model recorded on the feed values its marks from its instant on, with the parameters it
    /// recorded (not the code's defaults), and a replay gives the same rows.
    @Test func aRecordedModelValuesTheFeedsMarksFromItsInstantOn() throws {
        let l = try LedgerOnStore()
        let condor = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        let first = try l.run("mark", ["--at", "2026-01-10T20:00:00Z", "--spx", "5100", "--vix", "16"])
        #expect(first.eventIDs.count == 2, "the feed's first mark records the default model with it")
        var book = try l.book()
        var row = try #require(book.condors.first { $0.condorID == condor })
        #expect(row.modelID == first.eventIDs[1])
        #expect(row.markValue == (try Self.value(.standard, spx: 5100, vix: 16, at: "2026-01-10T20:00:00Z")))

        var changed = MarketModelParameters.standard
        changed.rate = Decimal(string: "0.1")!
        changed.dividendYield = 0
        let change = try l.record(.setMarketModel(SetMarketModel(feed: "spx", at: Self.iso("2026-01-11T14:00:00Z"), model: changed)))
        book = try l.book()
        row = try #require(book.condors.first { $0.condorID == condor })
        #expect(row.modelID == first.eventIDs[1], "the last mark is before the change: still the first model")

        try l.run("mark", ["--at", "2026-01-12T20:00:00Z", "--spx", "5100", "--vix", "16"])
        book = try l.book()
        row = try #require(book.condors.first { $0.condorID == condor })
        let recorded = try MarketModel(parameters: changed)
        #expect(row.modelID == change.eventIDs[0])
        #expect(row.markValue == (try Self.value(recorded, spx: 5100, vix: 16, at: "2026-01-12T20:00:00Z")))
        #expect(row.markValue != (try Self.value(.standard, spx: 5100, vix: 16, at: "2026-01-12T20:00:00Z")), "the recorded rate, not the default")
        let marks = try MarkStore(connection: l.store.connection).marks(from: .distantPast, to: .distantFuture)
        #expect(marks.map { $0.model.eventID } == [first.eventIDs[1], change.eventIDs[0]])

        let live = try l.dump()
        try l.projector.replay()
        #expect(try l.dump() == live, "a replay values exactly as the catch-up did")
        let report = try DecisionReport.build(store: l.store, rule: .standard)
        #expect(report.lines.first { $0.kind == "trade" }?.models == [change.eventIDs[0].lowercasedString], "open at the last mark, valued by the change")
    }

    /// A ledger written before models were recorded (a mark appended without one) is valued with
    /// the frozen built-in model; the feed's next mark records the default model.
    @Test func aFeedWithoutAModelIsValuedWithTheBuiltInOne() throws {
        let l = try LedgerOnStore()
        let condor = try l.openCondor(credit: "10", at: "2026-01-02T15:00:00Z")
        let old = try LedgerEvent.newEvent(MarketObserved(spx: 5100, vix: 16), id: UUID(), occurredAt: Self.iso("2026-01-10T20:00:00Z"),
                                           metadata: EventMetadata(commandID: UUID(), correlationID: UUID(), causationID: nil, actor: "old", toolVersion: "0.0.9"))
        try l.store.append([StreamAppend(streamID: StreamName.market(), expected: .noStream, events: [old])])
        var row = try #require(try l.book().condors.first { $0.condorID == condor })
        #expect(row.modelID == nil)
        #expect(row.markValue == (try Self.value(.unrecorded, spx: 5100, vix: 16, at: "2026-01-10T20:00:00Z")))
        let next = try l.run("mark", ["--at", "2026-01-12T20:00:00Z", "--spx", "5000", "--vix", "18"])
        #expect(next.eventIDs.count == 2)
        row = try #require(try l.book().condors.first { $0.condorID == condor })
        #expect(row.modelID == next.eventIDs[1])
        let live = try l.dump()
        try l.projector.replay()
        #expect(try l.dump() == live)
    }
}
