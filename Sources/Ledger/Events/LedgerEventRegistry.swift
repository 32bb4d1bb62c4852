import EventStore
import Foundation

/// Every event type the ledger reads and writes: registering a payload type here is what makes
/// decoding (`Codable` and the replay's fast path), upcasting, summaries and the state folds find
/// it. Adding an event type is its own file plus its line below (and its case in `LedgerEvent`);
/// RegistryTests fail when a registered type lacks a working piece.
public enum LedgerEventRegistry {
    public static let all: [EventRegistration] = [
        EventRegistration(PortfolioOpened.self),
        EventRegistration(PortfolioCapitalSet.self),
        EventRegistration(StudyCandidateChosen.self),
        EventRegistration(CondorOpened.self),
        EventRegistration(CondorRolled.self),
        EventRegistration(RollDeferred.self),
        EventRegistration(CondorClosed.self),
        EventRegistration(CondorExpired.self),
        EventRegistration(CondorLeggedIn.self),
        EventRegistration(CondorPartiallyClosed.self),
        EventRegistration(CondorSideClosed.self),
        EventRegistration(CondorSplit.self),
        EventRegistration(CondorOpenedFromSplit.self),
        EventRegistration(HedgeLayerAdded.self),
        EventRegistration(HedgeLayerReduced.self),
        EventRegistration(HedgeLayerClosed.self),
        EventRegistration(MarketObserved.self),
        EventRegistration(MarketModelSet.self),
        EventRegistration(EventVoided.self),
    ]

    /// Type name → registration.
    public static let byType: [String: EventRegistration] = Dictionary(uniqueKeysWithValues: all.map { ($0.eventType, $0) })

    /// The replay's fast decoding of a payload's top-level members; nil when the type is unknown or
    /// the payload is not exactly a shape its type's fast decoding recognises.
    public static func fastDecode(type: String, schemaVersion: Int, members: [(key: String, value: JSONValue)]) -> LedgerEvent? {
        byType[type]?.fastDecode(PayloadFields(members), schemaVersion)
    }
}

/// One registered event type, with what generic code needs of it as plain values and functions.
public struct EventRegistration: Sendable {
    public let payloadType: any LedgerEventPayload.Type
    public let eventType: String
    public let schemaVersion: Int
    public let stream: EventStreamKind
    public let upcasters: [any PayloadUpcaster]
    /// `Codable` decoding of a payload already at `schemaVersion`.
    let decode: @Sendable (Data) throws -> LedgerEvent
    let fastDecode: @Sendable (PayloadFields, Int) -> LedgerEvent?

    public init<P: LedgerEventPayload>(_ type: P.Type) {
        payloadType = type
        eventType = P.eventType
        schemaVersion = P.schemaVersion
        stream = P.stream
        upcasters = P.upcasters
        decode = { data in try LedgerJSON.decode(P.self, from: data).event }
        fastDecode = { fields, version in P(fields: fields, schemaVersion: version)?.event }
    }
}
