import Ledger

/// An open hedge layer (a VIX call) protecting the condor, as the advisor sees it.
public struct HedgeLayerSnapshot: Sendable, Hashable {
    /// The layer's id in the ledger, as text.
    public var id: String
    /// Contracts still held.
    public var quantity: Int
    /// Strike of the VIX call.
    public var strike: Double
    /// The option's expiry, and calendar days to it.
    public var expiry: CalendarDate
    public var daysToExpiry: Int
    /// VIX when the layer was added.
    public var vixAtAdd: Double
    /// VIX/VIX3M when the layer was added, when known.
    public var termRatioAtAdd: Double?
    /// Sessions since it was added.
    public var sessionsHeld: Int

    public init(id: String, quantity: Int, strike: Double, expiry: CalendarDate, daysToExpiry: Int, vixAtAdd: Double, termRatioAtAdd: Double? = nil,
                sessionsHeld: Int) {
        self.id = id
        self.quantity = quantity
        self.strike = strike
        self.expiry = expiry
        self.daysToExpiry = daysToExpiry
        self.vixAtAdd = vixAtAdd
        self.termRatioAtAdd = termRatioAtAdd
        self.sessionsHeld = sessionsHeld
    }
}
