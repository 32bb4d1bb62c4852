import Foundation

/// The rest of a hedge layer was sold. Stream `hedge-<layerID>`. `quantity` is the units still held;
/// `price` the fill per unit (the net price of a multi-leg layer, in the layer's price unit); cash
/// in is price × multiplier × quantity less `fees` (dollars).
public struct HedgeLayerClosed: LedgerEventPayload {
    public static let eventType = "HedgeLayerClosed"

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

extension HedgeLayerClosed {
    public static let stream = EventStreamKind.hedgeLayer
    public static let example = HedgeLayerClosed(layerID: HedgeLayerAdded.example.layerID, quantity: 6, price: Decimal(string: "0.8")!,
                                                 fees: 3, reason: "near expiry")

    public var event: LedgerEvent { .hedgeLayerClosed(self) }

    public var summary: String {
        "hedge layer \(layerID.lowercasedString) closed: sold \(quantity) at \(EventSummary.text(price)), fees \(EventSummary.text(fees))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("layerID"), let quantity = o.int("quantity"), let price = o.decimal("price"),
              let fees = o.decimal("fees"), let reason = o.optionalString("reason"), let signals = o.signals("signals") else { return nil }
        self.init(layerID: id, quantity: quantity, price: price, fees: fees, reason: reason, signals: signals)
    }

    /// Sells what an open layer still holds.
    public func applied(to layer: HedgeLayerState?, at item: LedgerStreamEvent) -> HedgeLayerState? {
        guard var current = layer, current.status == .open else { return nil }
        current.sell(current.quantity, price: price, fees: fees)
        current.status = .closed
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
