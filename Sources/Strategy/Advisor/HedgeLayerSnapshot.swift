/// An open hedge layer (a VIX call) protecting the condor, as the advisor sees it.
public struct HedgeLayerSnapshot: Sendable, Hashable {
    /// The layer's id in the ledger, as text.
    public var id: String
    /// Contracts still held.
    public var quantity: Int
    /// Strike of the VIX call.
    public var strike: Double
    /// Calendar days to the option's expiry.
    public var daysToExpiry: Int
    /// VIX when the layer was added.
    public var vixAtAdd: Double
    /// VIX/VIX3M when the layer was added, when known.
    public var termRatioAtAdd: Double?
    /// Sessions since it was added.
    public var sessionsHeld: Int

    public init(id: String, quantity: Int, strike: Double, daysToExpiry: Int, vixAtAdd: Double, termRatioAtAdd: Double? = nil, sessionsHeld: Int) {
        self.id = id
        self.quantity = quantity
        self.strike = strike
        self.daysToExpiry = daysToExpiry
        self.vixAtAdd = vixAtAdd
        self.termRatioAtAdd = termRatioAtAdd
        self.sessionsHeld = sessionsHeld
    }
}
