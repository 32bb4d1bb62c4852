import Foundation
import Ledger

/// What the market streams (`market-<feed>`) of a read say: the marks recorded and the marks voided.
/// Catch-up and replay collect them the same way.
struct MarketEvents {
    /// Every `MarketObserved`, in the order read.
    private(set) var recorded: [MarketMark] = []
    /// Event ids of the marks an `EventVoided` took back.
    private(set) var voided = Set<UUID>()

    /// Takes `item` when it is on a market stream; any other event is ignored.
    mutating func take(_ item: SourcedEvent) {
        guard item.event.streamID.hasPrefix("market-") else { return }
        switch item.event.event {
        case .marketObserved(let observed):
            recorded.append(MarketMark(eventID: item.event.eventID, position: item.position, at: item.event.occurredAt, observed: observed))
        case .eventVoided(let void):
            voided.insert(void.voidedEventID)
        default: break
        }
    }

    /// The recorded marks no void took back, in the order read.
    var standing: [MarketMark] { recorded.filter { !voided.contains($0.eventID) } }

    var isEmpty: Bool { recorded.isEmpty && voided.isEmpty }
}
