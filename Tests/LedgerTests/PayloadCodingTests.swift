import EventStore
import Foundation
@testable import Ledger
import Testing

@Suite("Event payload JSON")
struct PayloadCodingTests {
    let expiry = CalendarDate(iso: "2026-03-20")!
    let condorID = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!

    @Test func condorOpenedUsesDecimalStringsAndSortedKeys() throws {
        let strikes = try IronCondorLegs(expiry: expiry, longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350)
        let payload = CondorOpened(condorID: condorID, portfolio: "main", underlying: .spx, strikes: strikes, contracts: 2,
                                   credit: Decimal(string: "10.25")!, fees: Decimal(string: "5.20")!)
        let text = String(decoding: try LedgerJSON.encode(payload), as: UTF8.self)
        #expect(text.contains("\"credit\":\"10.25\""))
        #expect(text.contains("\"fees\":\"5.2\""))
        #expect(text.contains("\"expiry\":\"2026-03-20\""))
        #expect(text.contains("{\"quantity\":-2,\"right\":\"P\",\"strike\":\"4950\"}"))
        #expect(!text.contains("signals"))
        #expect(!text.contains("null"))
        let keys = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]).keys.sorted()
        #expect(text.hasPrefix("{\"condorID\""))
        #expect(keys.contains("multiplier"))
        let back = try LedgerJSON.decode(CondorOpened.self, from: Data(text.utf8))
        #expect(back == payload)
        #expect(back.strikes == strikes)
    }

    @Test func optionalDecimalsAreOmittedWhenNilAndRoundTrip() throws {
        let observed = MarketObserved(spx: Decimal(string: "5012.37")!, vix: Decimal(string: "17.5")!, vix3m: Decimal(string: "19.02")!,
                                      futures: [try FuturesQuote(spec: "2026-03=18.15")],
                                      quotes: [try OptionQuote(spec: "2026-03-20 P 4950=12.5/13.1@0.21")])
        let data = try LedgerJSON.encode(observed)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("vix9d"))
        #expect(text.contains("\"vix3m\":\"19.02\""))
        #expect(text.contains("\"impliedVolatility\":\"0.21\""))
        #expect(try LedgerJSON.decode(MarketObserved.self, from: data) == observed)
    }

    @Test func everyEventTypeRoundTripsThroughNewEvent() throws {
        let strikes = try IronCondorLegs(expiry: expiry, longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350)
        let layer = UUID()
        let events: [LedgerEvent] = [
            .condorOpened(CondorOpened(condorID: condorID, portfolio: "p'; DROP TABLE events;--", underlying: .spxw, strikes: strikes, contracts: 1, credit: 3, fees: 1,
                                       signals: DecisionSignals(vix: 18, vix3m: 20))),
            .condorRolled(CondorRolled(condorID: condorID, side: .put, expiryBefore: expiry, expiryAfter: expiry,
                                       closedLegs: strikes.legs(side: .put, contracts: 1), openedLegs: [], legsAfter: strikes.legs(contracts: 1),
                                       contracts: 1, closePrice: 2, openPrice: 3, fees: 1, trigger: RollTrigger(fixedRule: "stop", alvh: "hedge"))),
            .rollDeferred(RollDeferred(condorID: condorID, reason: "noise, not regime \"change\" ✓")),
            .condorClosed(CondorClosed(condorID: condorID, closedLegs: strikes.legs(contracts: 1), contracts: 1, price: 1, fees: 0, reason: .takeProfit)),
            .condorExpired(CondorExpired(condorID: condorID, expiry: expiry, legs: strikes.legs(contracts: 1), contracts: 1, settlementLevel: 5000, settlementValue: 0)),
            .hedgeLayerAdded(HedgeLayerAdded(layerID: layer, protects: [condorID], portfolio: "main", instrument: try HedgeInstrument(spec: "VIX 2026-03-18 C 25"),
                                             quantity: 10, price: Decimal(string: "1.35")!, fees: 6, tier: 1)),
            .hedgeLayerReduced(HedgeLayerReduced(layerID: layer, quantity: 4, price: 2, fees: 1)),
            .hedgeLayerClosed(HedgeLayerClosed(layerID: layer, quantity: 6, price: 2, fees: 1)),
            .marketObserved(MarketObserved(spx: 5000, vix: 20)),
            .marketModelSet(MarketModelSet(feed: "spx", model: .standard, note: "the defaults")),
            .eventVoided(EventVoided(voidedEventID: layer, voidedType: "HedgeLayerReduced", reason: "typo")),
            .portfolioOpened(PortfolioOpened(name: "main")),
            .condorLeggedIn(CondorLeggedIn.example),
            .condorPartiallyClosed(CondorPartiallyClosed.example),
            .condorSideClosed(CondorSideClosed.example),
            .condorSplit(CondorSplit.example),
            .condorOpenedFromSplit(CondorOpenedFromSplit.example),
            .hedgeLayerAdded(HedgeLayerAdded(layerID: layer, protects: [], portfolio: "main",
                                             legs: try HedgeLegFill.layer([HedgeLegFill(spec: "VIX 2026-03-18 C 22=+2@1.15"),
                                                                           HedgeLegFill(spec: "VIX 2026-03-18 C 30=-2@0.35")]).legs,
                                             quantity: 2, fees: 1)),
            .portfolioCapitalSet(PortfolioCapitalSet(name: "main", capital: Decimal(string: "250000.50")!)),
            .studyCandidateChosen(StudyCandidateChosen.example),
        ]
        #expect(Set(events.map(\.type)) == Set(LedgerEvent.knownTypes))
        for event in events {
            let recorded = RecordedEvent(globalPosition: 1, streamID: "s", streamVersion: 1, eventID: UUID(), type: event.type, schemaVersion: EventUpcasting.currentVersions[event.type] ?? 1,
                                         data: try event.encodedData(), metadata: Data("{}".utf8), occurredAt: Date(), recordedAt: Date(),
                                         prevHash: Data(), hash: Data())
            #expect(try LedgerEvent(recorded: recorded) == event)
        }
    }

    @Test func unknownTypesAndVersionsAreRefused() {
        #expect(throws: LedgerDecodingError.unknownType("Nope")) { try LedgerEvent(type: "Nope", schemaVersion: 1, data: Data("{}".utf8)) }
        #expect(throws: EventUpcastingError.newerThanSupported(type: "RollDeferred", version: 9, newest: 1)) {
            try LedgerEvent(type: "RollDeferred", schemaVersion: 9, data: Data("{}".utf8))
        }
    }

    @Test func hedgeInstrumentJSONIsStructured() throws {
        let data = try LedgerJSON.encode(try HedgeInstrument(spec: "VX 2026-04"))
        #expect(String(decoding: data, as: UTF8.self) == "{\"kind\":\"vix-future\",\"month\":\"2026-04\",\"spec\":\"VX 2026-04\"}")
        #expect(try LedgerJSON.decode(HedgeInstrument.self, from: data) == .vixFuture(month: ContractMonth(iso: "2026-04")!))
    }
}
