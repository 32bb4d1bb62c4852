import Foundation

/// A hedge layer was bought. Stream `hedge-<layerID>`, always its first event.
///
/// The layer protects the condors in `protects`, or a whole `portfolio` when `protects` is empty
/// (`portfolio` is always set: for condor-protecting layers it is the condors' portfolio).
/// `quantity` is contracts or shares bought (≥ 1, long); `price` the fill per unit; cash out is
/// price × multiplier × quantity plus `fees` (dollars). `tier` is the ALVH layer number when given.
public struct HedgeLayerAdded: LedgerEventPayload {
    public static let eventType = "HedgeLayerAdded"

    public var layerID: UUID
    public var protects: [UUID]
    public var portfolio: String
    public var instrument: HedgeInstrument
    public var quantity: Int
    @DecimalText public var multiplier: Decimal
    @DecimalText public var price: Decimal
    @DecimalText public var fees: Decimal
    public var tier: Int?
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var reason: String?

    public init(layerID: UUID, protects: [UUID], portfolio: String, instrument: HedgeInstrument, quantity: Int,
                price: Decimal, fees: Decimal, tier: Int? = nil, signals: DecisionSignals? = nil, reason: String? = nil) {
        self.layerID = layerID
        self.protects = protects
        self.portfolio = portfolio
        self.instrument = instrument
        self.quantity = quantity
        self.multiplier = instrument.multiplier
        self.price = price
        self.fees = fees
        self.tier = tier
        self.signals = signals
        self.reason = reason
    }
}
