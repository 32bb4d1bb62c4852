import Foundation

/// A hedge layer as its stream's events (less voided ones) leave it. Cost basis is average cost:
/// a reduction releases the basis in proportion to the quantity sold.
public struct HedgeLayerState: Sendable, Hashable {
    public enum Status: String, Sendable, Codable { case open, closed }

    public var layerID: UUID
    public var portfolio: String
    /// Condors protected; empty when the layer protects the whole portfolio.
    public var protects: [UUID]
    /// What one unit of the layer holds.
    public var legs: HedgeLegs
    /// Dollars per point of the layer's price per unit (`HedgeLegs.multiplier`, as recorded).
    public var multiplier: Decimal
    public var tier: Int?
    public var status: Status
    /// Units still held (≥ 0): contracts or shares for a one-instrument layer.
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
        fold(EffectiveStream(events)) { _ in }
    }

    /// The same fold, telling `observe` every event that moved the layer, in stream order (the walk
    /// the projections build their rows from). Each event type says how it moves a layer.
    public static func fold(_ stream: EffectiveStream, observe: (HedgeLayerStep) -> Void) -> HedgeLayerState? {
        var state: HedgeLayerState?
        for item in stream.effective {
            var visitor = HedgeLayerStepVisitor(layer: state, item: item)
            guard let next = item.event.accept(&visitor) else { continue }
            observe(HedgeLayerStep(item: item, before: state, after: next))
            state = next
        }
        state?.version = stream.version
        return state
    }

    /// The instrument of a one-instrument layer; nil for a multi-leg one.
    public var instrument: HedgeInstrument? { legs.single }

    /// Sells `sold` units at net `price` per unit less `fees`, releasing the basis in proportion (average cost).
    mutating func sell(_ sold: Int, price: Decimal, fees: Decimal) {
        let released = quantity == 0 ? costBasis : costBasis * Decimal(sold) / Decimal(quantity)
        realizedPnL += price * multiplier * Decimal(sold) - fees - released
        costBasis -= released
        quantity -= sold
    }
}

/// One event that moved a hedge layer: the layer before it (nil for the purchase) and after it.
public struct HedgeLayerStep {
    public let item: LedgerStreamEvent
    public let before: HedgeLayerState?
    public let after: HedgeLayerState
}

struct HedgeLayerStepVisitor: LedgerEventVisitor {
    let layer: HedgeLayerState?
    let item: LedgerStreamEvent

    func visit<P: LedgerEventPayload>(_ payload: P) -> HedgeLayerState? { payload.applied(to: layer, at: item) }
}
