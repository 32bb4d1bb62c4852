import EventStore
import Foundation

/// Every ledger event, decoded. Decode a stored event with `init(recorded:)`; encode a payload
/// into a `NewEvent` with `LedgerEvent.newEvent(_:id:occurredAt:metadata:)`.
public enum LedgerEvent: Sendable, Hashable {
    case condorOpened(CondorOpened)
    case condorRolled(CondorRolled)
    case rollDeferred(RollDeferred)
    case condorClosed(CondorClosed)
    case condorExpired(CondorExpired)
    case hedgeLayerAdded(HedgeLayerAdded)
    case hedgeLayerReduced(HedgeLayerReduced)
    case hedgeLayerClosed(HedgeLayerClosed)
    case marketObserved(MarketObserved)
    case marketModelSet(MarketModelSet)
    case eventVoided(EventVoided)
    case portfolioOpened(PortfolioOpened)

    /// Every type name this module writes.
    public static let knownTypes: [String] = [
        CondorOpened.eventType, CondorRolled.eventType, RollDeferred.eventType, CondorClosed.eventType,
        CondorExpired.eventType, HedgeLayerAdded.eventType, HedgeLayerReduced.eventType,
        HedgeLayerClosed.eventType, MarketObserved.eventType, MarketModelSet.eventType, EventVoided.eventType, PortfolioOpened.eventType,
    ]

    /// Decodes a payload of `type` at `schemaVersion`.
    /// Payloads of older versions are upcast first (`EventUpcasting`).
    public init(type: String, schemaVersion storedVersion: Int, data storedData: Data) throws {
        let (schemaVersion, data) = try EventUpcasting.upcast(type: type, schemaVersion: storedVersion, data: storedData)
        func decode<P: LedgerEventPayload>(_ payload: P.Type) throws -> P {
            guard schemaVersion == P.schemaVersion else { throw LedgerDecodingError.unsupportedSchemaVersion(type: type, version: schemaVersion) }
            return try LedgerJSON.decode(P.self, from: data)
        }
        switch type {
        case CondorOpened.eventType: self = .condorOpened(try decode(CondorOpened.self))
        case CondorRolled.eventType: self = .condorRolled(try decode(CondorRolled.self))
        case RollDeferred.eventType: self = .rollDeferred(try decode(RollDeferred.self))
        case CondorClosed.eventType: self = .condorClosed(try decode(CondorClosed.self))
        case CondorExpired.eventType: self = .condorExpired(try decode(CondorExpired.self))
        case HedgeLayerAdded.eventType: self = .hedgeLayerAdded(try decode(HedgeLayerAdded.self))
        case HedgeLayerReduced.eventType: self = .hedgeLayerReduced(try decode(HedgeLayerReduced.self))
        case HedgeLayerClosed.eventType: self = .hedgeLayerClosed(try decode(HedgeLayerClosed.self))
        case MarketObserved.eventType: self = .marketObserved(try decode(MarketObserved.self))
        case MarketModelSet.eventType: self = .marketModelSet(try decode(MarketModelSet.self))
        case EventVoided.eventType: self = .eventVoided(try decode(EventVoided.self))
        case PortfolioOpened.eventType: self = .portfolioOpened(try decode(PortfolioOpened.self))
        default: throw LedgerDecodingError.unknownType(type)
        }
    }

    /// Decodes a stored event.
    public init(recorded: RecordedEvent) throws {
        try self.init(type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data)
    }

    /// Decodes an event about to be appended.
    public init(new: NewEvent) throws {
        try self.init(type: new.type, schemaVersion: new.schemaVersion, data: new.data)
    }

    /// The stored type name.
    public var type: String {
        switch self {
        case .condorOpened: CondorOpened.eventType
        case .condorRolled: CondorRolled.eventType
        case .rollDeferred: RollDeferred.eventType
        case .condorClosed: CondorClosed.eventType
        case .condorExpired: CondorExpired.eventType
        case .hedgeLayerAdded: HedgeLayerAdded.eventType
        case .hedgeLayerReduced: HedgeLayerReduced.eventType
        case .hedgeLayerClosed: HedgeLayerClosed.eventType
        case .marketObserved: MarketObserved.eventType
        case .marketModelSet: MarketModelSet.eventType
        case .eventVoided: EventVoided.eventType
        case .portfolioOpened: PortfolioOpened.eventType
        }
    }

    /// The payload's JSON bytes (sorted keys, decimals as strings).
    public func encodedData() throws -> Data {
        switch self {
        case .condorOpened(let p): try LedgerJSON.encode(p)
        case .condorRolled(let p): try LedgerJSON.encode(p)
        case .rollDeferred(let p): try LedgerJSON.encode(p)
        case .condorClosed(let p): try LedgerJSON.encode(p)
        case .condorExpired(let p): try LedgerJSON.encode(p)
        case .hedgeLayerAdded(let p): try LedgerJSON.encode(p)
        case .hedgeLayerReduced(let p): try LedgerJSON.encode(p)
        case .hedgeLayerClosed(let p): try LedgerJSON.encode(p)
        case .marketObserved(let p): try LedgerJSON.encode(p)
        case .marketModelSet(let p): try LedgerJSON.encode(p)
        case .eventVoided(let p): try LedgerJSON.encode(p)
        case .portfolioOpened(let p): try LedgerJSON.encode(p)
        }
    }

    /// A `NewEvent` carrying `payload`.
    public static func newEvent<P: LedgerEventPayload>(_ payload: P, id: UUID, occurredAt: Date, metadata: EventMetadata) throws -> NewEvent {
        NewEvent(eventID: id, type: P.eventType, schemaVersion: P.schemaVersion, data: try LedgerJSON.encode(payload),
                 metadata: try LedgerJSON.encode(metadata), occurredAt: occurredAt)
    }
}

/// A stored event this module cannot read.
public enum LedgerDecodingError: Error, Equatable, CustomStringConvertible {
    case unknownType(String)
    case unsupportedSchemaVersion(type: String, version: Int)

    public var description: String {
        switch self {
        case .unknownType(let type): "unknown event type \(type)"
        case let .unsupportedSchemaVersion(type, version): "\(type) schema version \(version) is not supported"
        }
    }
}
