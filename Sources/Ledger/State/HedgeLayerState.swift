import Foundation

/// A hedge layer as its stream's events (less voided ones) leave it. Cost basis is average cost:
/// a reduction releases the basis in proportion to the quantity sold.
public struct HedgeLayerState: Sendable, Hashable {
    public enum Status: String, Sendable, Codable { case open, closed }

    public var layerID: UUID
    public var portfolio: String
    /// Condors protected; empty when the layer protects the whole portfolio.
    public var protects: [UUID]
    public var instrument: HedgeInstrument
    public var tier: Int?
    public var status: Status
    /// Contracts or shares still held (≥ 0).
    public var quantity: Int
    /// Dollars paid for what is still held, fees included.
    public var costBasis: Decimal
    /// Dollars of realized profit (proceeds less fees less the basis released).
    public var realizedPnL: Decimal
    public var openedAt: Date
    public var lastEventAt: Date
    /// The stream's version (voids included).
    public var version: Int64

    /// Folds a hedge stream; nil when it holds no (unvoided) `HedgeLayerAdded`.
    public static func fold(_ events: [LedgerStreamEvent]) -> HedgeLayerState? {
        let stream = EffectiveStream(events)
        var state: HedgeLayerState?
        for item in stream.effective {
            switch item.event {
            case .hedgeLayerAdded(let added):
                guard state == nil else { continue }
                state = HedgeLayerState(layerID: added.layerID, portfolio: added.portfolio, protects: added.protects,
                                        instrument: added.instrument, tier: added.tier, status: .open, quantity: added.quantity,
                                        costBasis: added.price * added.multiplier * Decimal(added.quantity) + added.fees,
                                        realizedPnL: 0, openedAt: item.occurredAt, lastEventAt: item.occurredAt, version: 0)
            case .hedgeLayerReduced(let reduced):
                guard var current = state, current.status == .open, reduced.quantity < current.quantity else { continue }
                current.sell(reduced.quantity, price: reduced.price, fees: reduced.fees)
                current.lastEventAt = max(current.lastEventAt, item.occurredAt)
                state = current
            case .hedgeLayerClosed(let closed):
                guard var current = state, current.status == .open else { continue }
                current.sell(current.quantity, price: closed.price, fees: closed.fees)
                current.status = .closed
                current.lastEventAt = max(current.lastEventAt, item.occurredAt)
                state = current
            default:
                continue
            }
        }
        state?.version = stream.version
        return state
    }

    private mutating func sell(_ sold: Int, price: Decimal, fees: Decimal) {
        let released = quantity == 0 ? costBasis : costBasis * Decimal(sold) / Decimal(quantity)
        realizedPnL += price * instrument.multiplier * Decimal(sold) - fees - released
        costBasis -= released
        quantity -= sold
    }
}
