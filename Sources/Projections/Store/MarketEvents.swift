import Foundation
import Ledger
import Market

/// What the market streams (`market-<feed>`) of a read say: the marks and market models recorded,
/// and the ones voided. Catch-up and replay collect them the same way.
struct MarketEvents {
    /// Every `MarketObserved`, in the order read (their models are attached later).
    private(set) var recorded: [MarketMark] = []
    /// Every `MarketModelSet`, in the order read, with its global position.
    private(set) var models: [(model: MarketModel, position: Int64)] = []
    /// Event ids of the marks and models an `EventVoided` took back.
    private(set) var voided = Set<UUID>()
    /// Whether one of those was a model.
    private(set) var voidsAModel = false

    /// Takes `item` when it is on a market stream; any other event is ignored.
    /// - Throws: `LedgerValidationError` for a recorded model this build cannot use.
    mutating func take(_ item: SourcedEvent) throws {
        guard item.event.streamID.hasPrefix("market-") else { return }
        switch item.event.event {
        case .marketObserved(let observed):
            recorded.append(MarketMark(eventID: item.event.eventID, position: item.position, at: item.event.occurredAt, observed: observed))
        case .marketModelSet(let set):
            do {
                models.append((try MarketModel(recorded: set, eventID: item.event.eventID, at: item.event.occurredAt), item.position))
            } catch let error as LedgerValidationError {
                throw LedgerValidationError(field: "MarketModelSet \(item.event.eventID.lowercasedString) \(error.field)", rule: error.rule)
            }
        case .eventVoided(let void):
            voided.insert(void.voidedEventID)
            if void.voidedType == MarketModelSet.eventType { voidsAModel = true }
        default: break
        }
    }

    /// The recorded marks no void took back, in the order read (models not attached).
    var standing: [MarketMark] { recorded.filter { !voided.contains($0.eventID) } }

    /// The recorded models no void took back, in the order read.
    var standingModels: [(model: MarketModel, position: Int64)] { models.filter { !voided.contains($0.model.eventID!) } }

    /// Whether any model was recorded or voided (every open position is then valued again).
    var touchesModels: Bool { !models.isEmpty || voidsAModel }

    var isEmpty: Bool { recorded.isEmpty && models.isEmpty && voided.isEmpty }
}
