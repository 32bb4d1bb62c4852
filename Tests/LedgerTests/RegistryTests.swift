import EventStore
import Foundation
@testable import Ledger
import Testing

/// Every registered event type has every piece the tool needs of it: a registered event type that
/// lacks one (or whose pieces disagree) fails here, with the type's name.
@Suite("Event registry")
struct RegistryTests {
    /// What a test needs of each registration, opened to the payload's own type.
    struct Check {
        let eventType: String
        let example: LedgerEvent
        let encoded: Data
        let stream: EventStreamKind
        let summary: String

        init<P: LedgerEventPayload>(_ type: P.Type) throws {
            eventType = P.eventType
            example = P.example.event
            encoded = try LedgerJSON.encode(P.example)
            stream = P.stream
            summary = P.example.summary
        }
    }

    static func checks() throws -> [Check] {
        try LedgerEventRegistry.all.map { registration in
            func open<P: LedgerEventPayload>(_ type: P.Type) throws -> Check { try Check(type) }
            return try open(registration.payloadType)
        }
    }

    @Test func namesAreUniqueAndEveryEventCaseIsRegistered() throws {
        let names = LedgerEventRegistry.all.map(\.eventType)
        #expect(Set(names).count == names.count)
        #expect(LedgerEvent.knownTypes == names)
        for check in try Self.checks() {
            // The example's enum case belongs to its own type, and its payload comes back out of it.
            #expect(check.example.type == check.eventType)
            #expect(LedgerEventRegistry.byType[check.example.type] != nil)
        }
    }

    @Test func everyTypeDecodesThroughCodableAndTheFastPath() throws {
        for check in try Self.checks() {
            let version = try #require(LedgerEventRegistry.byType[check.eventType]).schemaVersion
            let decoded = try LedgerEvent(type: check.eventType, schemaVersion: version, data: check.encoded)
            #expect(decoded == check.example, "\(check.eventType): Codable")
            let members = try #require(JSONScanner.parse(check.encoded)?.object, "\(check.eventType)")
            let fast = try #require(LedgerEventRegistry.fastDecode(type: check.eventType, schemaVersion: version, members: members),
                                    "\(check.eventType): the fast decoding refuses its own example")
            #expect(fast == check.example, "\(check.eventType): the fast decoding disagrees with Codable")
            #expect(String(describing: fast) == String(describing: check.example), "\(check.eventType)")
        }
    }

    @Test func everyOlderVersionHasItsUpcaster() throws {
        for registration in LedgerEventRegistry.all {
            let steps = registration.upcasters.map(\.fromVersion).sorted()
            #expect(steps == Array(1..<registration.schemaVersion), "\(registration.eventType): upcasters from \(steps)")
            #expect(registration.upcasters.allSatisfy { $0.eventType == registration.eventType }, "\(registration.eventType)")
        }
        #expect(EventUpcasting.currentVersions[CondorClosed.eventType] == 2)
    }

    @Test func everyTypeHasItsOwnSummary() throws {
        let checks = try Self.checks()
        for check in checks {
            #expect(!check.summary.isEmpty, "\(check.eventType)")
            #expect(EventSummary.line(check.example) == check.summary, "\(check.eventType)")
        }
        #expect(Set(checks.map(\.summary)).count == checks.count)
    }

    /// Condor events move a condor, layer events a layer, and nothing else moves either.
    @Test func theFoldsFindEveryTypeOfTheirStream() throws {
        let at = Date(timeIntervalSince1970: 1_772_463_600)
        func item(_ event: LedgerEvent) -> LedgerStreamEvent {
            LedgerStreamEvent(eventID: UUID(), streamID: "s", version: 1, occurredAt: at, event: event)
        }
        let opened = try #require(CondorState.fold([item(CondorOpened.example.event)]))
        let added = try #require(HedgeLayerState.fold([item(HedgeLayerAdded.example.event)]))
        // Legging in completes a credit spread: it moves a condor with one side.
        var spread = opened
        spread.strikes = try IronCondorLegs(expiry: opened.expiry, longPut: 4900, shortPut: 4950, shortCall: nil, longCall: nil)
        for check in try Self.checks() {
            let starts = [CondorOpened.eventType, CondorOpenedFromSplit.eventType].contains(check.eventType)
            let condorBefore: CondorState? = starts ? nil : check.eventType == CondorLeggedIn.eventType ? spread : opened
            let layerBefore: HedgeLayerState? = check.eventType == HedgeLayerAdded.eventType ? nil : added
            var condorVisitor = CondorStepVisitor(condor: condorBefore, item: item(check.example))
            var layerVisitor = HedgeLayerStepVisitor(layer: layerBefore, item: item(check.example))
            let movesCondor = check.example.accept(&condorVisitor) != nil
            let movesLayer = check.example.accept(&layerVisitor) != nil
            #expect(movesCondor == (check.stream == .condor), "\(check.eventType): condor fold")
            #expect(movesLayer == (check.stream == .hedgeLayer), "\(check.eventType): hedge-layer fold")
        }
    }

    /// The one fold hands its steps to the projections: every event that counted, once, in order.
    @Test func theFoldReportsEveryStepItTook() throws {
        let at = Date(timeIntervalSince1970: 1_772_463_600)
        let events = [CondorOpened.example.event, CondorRolled.example.event, RollDeferred.example.event, CondorClosed.example.event,
                      CondorExpired.example.event].enumerated().map { index, event in
            LedgerStreamEvent(eventID: UUID(), streamID: "condor-x", version: Int64(index + 1), occurredAt: at.addingTimeInterval(Double(index)), event: event)
        }
        var steps: [CondorStep] = []
        let state = try #require(CondorState.fold(EffectiveStream(events)) { steps.append($0) })
        // The expiry after the close does not apply: four steps, each starting where the last ended.
        #expect(steps.map(\.item.eventID) == events.prefix(4).map(\.eventID))
        #expect(steps.first?.before == nil)
        for (previous, next) in zip(steps, steps.dropFirst()) { #expect(next.before == previous.after) }
        #expect(state.status == .closed && state.rolls.count == 1 && state.deferrals == 1 && state.version == 5)
        #expect(CondorState.fold(events) == state)
    }

    @Test func voidingRulesComeWithTheType() {
        #expect(MarketObserved.voiding == .any)
        #expect(CondorOpened.voiding == .latestOfItsStream && HedgeLayerReduced.voiding == .latestOfItsStream)
        #expect(PortfolioOpened.voiding == .never("a portfolio cannot be voided"))
        #expect(EventVoided.voiding == .never("a correction (EventVoided) cannot itself be voided"))
    }
}
