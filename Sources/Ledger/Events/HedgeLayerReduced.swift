import Foundation

/// Part of a hedge layer was sold. Stream `hedge-<layerID>`. `quantity` sold (≥ 1, less than held);
/// `price` the fill per unit; cash in is price × multiplier × quantity less `fees` (dollars).
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
