import Foundation

/// A condor was bought back before expiry. Stream `condor-<condorID>`.
/// `price` is the net debit paid per unit (index points, ≥ 0) for all four legs; cash out is
/// price × multiplier × contracts plus `fees` (dollars).
public struct CondorClosed: LedgerEventPayload {
    public static let eventType = "CondorClosed"

    public var condorID: UUID
    /// The legs closed, as they were held (signed quantities).
    public var closedLegs: [CondorLeg]
    public var contracts: Int
    @DecimalText public var price: Decimal
    @DecimalText public var fees: Decimal
    public var reason: CloseReason
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var note: String?

    public init(condorID: UUID, closedLegs: [CondorLeg], contracts: Int, price: Decimal, fees: Decimal,
                reason: CloseReason, signals: DecisionSignals? = nil, note: String? = nil) {
        self.condorID = condorID
        self.closedLegs = closedLegs
        self.contracts = contracts
        self.price = price
        self.fees = fees
        self.reason = reason
        self.signals = signals
        self.note = note
    }
}
