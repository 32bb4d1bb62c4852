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

extension HedgeLayerAdded {
    public static let stream = EventStreamKind.hedgeLayer
    public static let example = HedgeLayerAdded(layerID: UUID(uuidString: "7a1e0c52-9b3d-4e6f-8a2b-1c3d5e7f9a0b")!,
                                                protects: [CondorOpened.example.condorID], portfolio: "income",
                                                instrument: .vixOption(expiry: CalendarDate(iso: "2026-03-18")!, right: .call, strike: 25),
                                                quantity: 10, price: Decimal(string: "1.35")!, fees: Decimal(string: "6.5")!, tier: 1,
                                                signals: DecisionSignals(vix: Decimal(string: "24.5")!), reason: "noise: defer and hedge")

    public var event: LedgerEvent { .hedgeLayerAdded(self) }

    public var summary: String {
        let f = EventSummary.text
        let protected = protects.isEmpty ? "portfolio \(portfolio)" : protects.map(\.lowercasedString).joined(separator: ",")
        return "hedge layer \(layerID.lowercasedString) added: \(quantity) × \(instrument.spec) at \(f(price)), fees \(f(fees)), protects \(protected)"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("layerID"), let protects = o.uuids("protects"),
              let portfolio = o.string("portfolio"), let instrument = o.instrument("instrument"),
              let quantity = o.int("quantity"), let multiplier = o.decimal("multiplier"), let price = o.decimal("price"), let fees = o.decimal("fees"),
              let tier = o.optionalInt("tier"), let signals = o.signals("signals"), let reason = o.optionalString("reason") else { return nil }
        self.init(layerID: id, protects: protects, portfolio: portfolio, instrument: instrument, quantity: quantity,
                  price: price, fees: fees, tier: tier, signals: signals, reason: reason)
        self.multiplier = multiplier
    }

    /// Opens the layer: cost basis = price × multiplier × quantity + fees.
    public func applied(to layer: HedgeLayerState?, at item: LedgerStreamEvent) -> HedgeLayerState? {
        guard layer == nil else { return nil }
        return HedgeLayerState(layerID: layerID, portfolio: portfolio, protects: protects, instrument: instrument, tier: tier, status: .open,
                               quantity: quantity, costBasis: price * multiplier * Decimal(quantity) + fees, realizedPnL: 0,
                               openedAt: item.occurredAt, lastEventAt: item.occurredAt, version: 0)
    }
}
