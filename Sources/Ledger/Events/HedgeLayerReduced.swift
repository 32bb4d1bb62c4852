import Foundation

/// Part of a hedge layer was sold. Stream `hedge-<layerID>`. `quantity` units sold (≥ 1, less than
/// held: every leg in its ratio); `price` the fill per unit (the net price of a multi-leg layer, in
/// the layer's price unit); cash in is price × multiplier × quantity less `fees` (dollars).
public struct HedgeLayerReduced: LedgerEventPayload {
    public static let eventType = "HedgeLayerReduced"

    public var layerID: UUID
    public var quantity: Int
    @DecimalText public var price: Decimal
    @DecimalText public var fees: Decimal
    /// Free text, stored verbatim.
    public var reason: String?
    public var signals: DecisionSignals?

    public init(layerID: UUID, quantity: Int, price: Decimal, fees: Decimal, reason: String? = nil, signals: DecisionSignals? = nil) {
        self.layerID = layerID
        self.quantity = quantity
        self.price = price
        self.fees = fees
        self.reason = reason
        self.signals = signals
    }
}

extension HedgeLayerReduced {
    public static let stream = EventStreamKind.hedgeLayer
    public static let example = HedgeLayerReduced(layerID: HedgeLayerAdded.example.layerID, quantity: 4, price: Decimal(string: "2.5")!,
                                                  fees: Decimal(string: "2.6")!, reason: "VIX back below its level at the add")

    public var event: LedgerEvent { .hedgeLayerReduced(self) }

    public var summary: String {
        "hedge layer \(layerID.lowercasedString) reduced by \(quantity) at \(EventSummary.text(price)), fees \(EventSummary.text(fees))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("layerID"), let quantity = o.int("quantity"), let price = o.decimal("price"),
              let fees = o.decimal("fees"), let reason = o.optionalString("reason"), let signals = o.signals("signals") else { return nil }
        self.init(layerID: id, quantity: quantity, price: price, fees: fees, reason: reason, signals: signals)
    }

    /// Sells part of an open layer (less than it holds), releasing basis in proportion.
    public func applied(to layer: HedgeLayerState?, at item: LedgerStreamEvent) -> HedgeLayerState? {
        guard var current = layer, current.status == .open, quantity < current.quantity else { return nil }
        current.sell(quantity, price: price, fees: fees)
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
