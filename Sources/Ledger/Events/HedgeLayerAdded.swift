import Foundation

/// A hedge layer was bought. Stream `hedge-<layerID>`, always its first event.
///
/// The layer protects the condors in `protects`, or a whole `portfolio` when `protects` is empty
/// (`portfolio` is always set: for condor-protecting layers it is the condors' portfolio).
/// `legs` are what one unit of the layer holds: one instrument (ratio 1), or several on one
/// underlying (a VIX call spread: +1 and −1; calls plus futures), each with its fill per unit.
/// `quantity` is the units bought (≥ 1); `price` the net price per unit (Σ ratio × fill × leg
/// multiplier ÷ `multiplier`, a debit ≥ 0); `multiplier` the legs' common multiplier (1 when they
/// differ: `price` is then dollars per unit). Cash out is price × multiplier × quantity plus `fees`
/// (dollars). `tier` is the ALVH layer number when given.
///
/// Schema version 2 holds `legs`; version 1 held one `instrument` (read as one leg of ratio 1 at
/// `price`, `HedgeLayerAddedV1ToV2`).
public struct HedgeLayerAdded: LedgerEventPayload {
    public static let eventType = "HedgeLayerAdded"
    public static let schemaVersion = 2

    public var layerID: UUID
    public var protects: [UUID]
    public var portfolio: String
    public var legs: HedgeLegs
    public var quantity: Int
    @DecimalText public var multiplier: Decimal
    @DecimalText public var price: Decimal
    @DecimalText public var fees: Decimal
    public var tier: Int?
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var reason: String?

    public init(layerID: UUID, protects: [UUID], portfolio: String, legs: HedgeLegs, quantity: Int, fees: Decimal, tier: Int? = nil,
                signals: DecisionSignals? = nil, reason: String? = nil) {
        self.layerID = layerID
        self.protects = protects
        self.portfolio = portfolio
        self.legs = legs
        self.quantity = quantity
        self.multiplier = legs.multiplier
        self.price = legs.netPrice
        self.fees = fees
        self.tier = tier
        self.signals = signals
        self.reason = reason
    }

    /// A layer of one instrument bought at `price`.
    public init(layerID: UUID, protects: [UUID], portfolio: String, instrument: HedgeInstrument, quantity: Int,
                price: Decimal, fees: Decimal, tier: Int? = nil, signals: DecisionSignals? = nil, reason: String? = nil) {
        self.init(layerID: layerID, protects: protects, portfolio: portfolio, legs: HedgeLegs(single: instrument, price: price), quantity: quantity,
                  fees: fees, tier: tier, signals: signals, reason: reason)
    }
}

extension HedgeLayerAdded {
    public static let stream = EventStreamKind.hedgeLayer
    public static let upcasters: [any PayloadUpcaster] = [HedgeLayerAddedV1ToV2()]
    public static let example = HedgeLayerAdded(layerID: UUID(uuidString: "7a1e0c52-9b3d-4e6f-8a2b-1c3d5e7f9a0b")!,
                                                protects: [CondorOpened.example.condorID], portfolio: "income",
                                                instrument: .vixOption(expiry: CalendarDate(iso: "2026-03-18")!, right: .call, strike: 25),
                                                quantity: 10, price: Decimal(string: "1.35")!, fees: Decimal(string: "6.5")!, tier: 1,
                                                signals: DecisionSignals(vix: Decimal(string: "24.5")!), reason: "noise: defer and hedge")

    public var event: LedgerEvent { .hedgeLayerAdded(self) }

    public var summary: String {
        let f = EventSummary.text
        let protected = protects.isEmpty ? "portfolio \(portfolio)" : protects.map(\.lowercasedString).joined(separator: ",")
        let what = legs.single.map { "\(quantity) × \($0.spec) at \(f(price))" }
            ?? "\(quantity) × (\(legs.legs.map { "\($0.ratio > 0 ? "+" : "")\($0.ratio) \($0.instrument.spec) at \(f($0.price))" }.joined(separator: ", "))), net \(f(price))"
        return "hedge layer \(layerID.lowercasedString) added: \(what), fees \(f(fees)), protects \(protected)"
    }

    /// Reads version 2 and version 1 (one `instrument` at `price`, as `HedgeLayerAddedV1ToV2` says).
    public init?(fields o: PayloadFields, schemaVersion: Int) {
        let legs: HedgeLegs?
        switch schemaVersion {
        case 1: legs = o.instrument("instrument").flatMap { instrument in o.decimal("price").map { HedgeLegs(single: instrument, price: $0) } }
        case 2: legs = o.hedgeLegs("legs")
        default: return nil
        }
        guard let legs, let id = o.uuid("layerID"), let protects = o.uuids("protects"), let portfolio = o.string("portfolio"),
              let quantity = o.int("quantity"), let multiplier = o.decimal("multiplier"), let price = o.decimal("price"), let fees = o.decimal("fees"),
              let tier = o.optionalInt("tier"), let signals = o.signals("signals"), let reason = o.optionalString("reason") else { return nil }
        self.init(layerID: id, protects: protects, portfolio: portfolio, legs: legs, quantity: quantity, fees: fees, tier: tier,
                  signals: signals, reason: reason)
        self.multiplier = multiplier
        self.price = price
    }

    /// Opens the layer: cost basis = price × multiplier × quantity + fees.
    public func applied(to layer: HedgeLayerState?, at item: LedgerStreamEvent) -> HedgeLayerState? {
        guard layer == nil else { return nil }
        return HedgeLayerState(layerID: layerID, portfolio: portfolio, protects: protects, legs: legs, multiplier: multiplier, tier: tier,
                               status: .open, quantity: quantity, costBasis: price * multiplier * Decimal(quantity) + fees, realizedPnL: 0,
                               openedAt: item.occurredAt, lastEventAt: item.occurredAt, version: 0)
    }
}
