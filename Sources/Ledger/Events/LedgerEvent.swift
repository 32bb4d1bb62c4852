import EventStore
import Foundation

/// Every ledger event, decoded: one case per registered payload type (`LedgerEventRegistry`), so
/// code can `switch` on events. Decode a stored event with `init(recorded:)`; encode a payload into
/// a `NewEvent` with `LedgerEvent.newEvent(_:id:occurredAt:metadata:)`.
public enum LedgerEvent: Sendable, Hashable {
    case condorOpened(CondorOpened)
    case condorRolled(CondorRolled)
    case rollDeferred(RollDeferred)
    case condorClosed(CondorClosed)
    case condorExpired(CondorExpired)
    case condorLeggedIn(CondorLeggedIn)
    case condorPartiallyClosed(CondorPartiallyClosed)
    case condorSideClosed(CondorSideClosed)
    case condorSplit(CondorSplit)
    case condorOpenedFromSplit(CondorOpenedFromSplit)
    case hedgeLayerAdded(HedgeLayerAdded)
    case hedgeLayerReduced(HedgeLayerReduced)
    case hedgeLayerClosed(HedgeLayerClosed)
    case marketObserved(MarketObserved)
    case marketModelSet(MarketModelSet)
    case eventVoided(EventVoided)
    case portfolioOpened(PortfolioOpened)
    case portfolioCapitalSet(PortfolioCapitalSet)
    case studyCandidateChosen(StudyCandidateChosen)

    /// Every type name this module writes (`LedgerEventRegistry`).
    public static var knownTypes: [String] { LedgerEventRegistry.all.map(\.eventType) }

    /// Decodes a payload of `type` at `schemaVersion`.
    /// Payloads of older versions are upcast first (`EventUpcasting`).
    public init(type: String, schemaVersion storedVersion: Int, data storedData: Data) throws {
        let (schemaVersion, data) = try EventUpcasting.upcast(type: type, schemaVersion: storedVersion, data: storedData)
        guard let registration = LedgerEventRegistry.byType[type] else { throw LedgerDecodingError.unknownType(type) }
        guard schemaVersion == registration.schemaVersion else { throw LedgerDecodingError.unsupportedSchemaVersion(type: type, version: schemaVersion) }
        self = try registration.decode(data)
    }

    /// Decodes a stored event.
    public init(recorded: RecordedEvent) throws {
        try self.init(type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data)
    }

    /// Decodes an event about to be appended.
    public init(new: NewEvent) throws {
        try self.init(type: new.type, schemaVersion: new.schemaVersion, data: new.data)
    }

    /// Calls `visitor` with the payload as its own type (no existential box: the folds use it).
    public func accept<Visitor: LedgerEventVisitor>(_ visitor: inout Visitor) -> Visitor.Output {
        switch self {
        case .condorOpened(let p): visitor.visit(p)
        case .condorRolled(let p): visitor.visit(p)
        case .rollDeferred(let p): visitor.visit(p)
        case .condorClosed(let p): visitor.visit(p)
        case .condorExpired(let p): visitor.visit(p)
        case .condorLeggedIn(let p): visitor.visit(p)
        case .condorPartiallyClosed(let p): visitor.visit(p)
        case .condorSideClosed(let p): visitor.visit(p)
        case .condorSplit(let p): visitor.visit(p)
        case .condorOpenedFromSplit(let p): visitor.visit(p)
        case .hedgeLayerAdded(let p): visitor.visit(p)
        case .hedgeLayerReduced(let p): visitor.visit(p)
        case .hedgeLayerClosed(let p): visitor.visit(p)
        case .marketObserved(let p): visitor.visit(p)
        case .marketModelSet(let p): visitor.visit(p)
        case .eventVoided(let p): visitor.visit(p)
        case .portfolioOpened(let p): visitor.visit(p)
        case .portfolioCapitalSet(let p): visitor.visit(p)
        case .studyCandidateChosen(let p): visitor.visit(p)
        }
    }

    /// The payload, whatever its type.
    public var payload: any LedgerEventPayload {
        var visitor = PayloadVisitor()
        return accept(&visitor)
    }

    /// The stored type name.
    public var type: String { Swift.type(of: payload).eventType }

    /// The payload's JSON bytes (sorted keys, decimals as strings).
    public func encodedData() throws -> Data { try LedgerJSON.encode(payload) }

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

/// Generic code over an event's payload, called with the payload's own type (`LedgerEvent.accept`).
public protocol LedgerEventVisitor {
    associatedtype Output
    mutating func visit<P: LedgerEventPayload>(_ payload: P) -> Output
}

struct PayloadVisitor: LedgerEventVisitor {
    func visit<P: LedgerEventPayload>(_ payload: P) -> any LedgerEventPayload { payload }
}
