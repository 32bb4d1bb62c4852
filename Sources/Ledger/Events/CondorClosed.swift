import Foundation

/// A condor was bought back before expiry. Stream `condor-<condorID>`.
/// `price` is the net debit paid per unit (index points, ≥ 0) for all four legs; cash out is
/// price × multiplier × contracts plus `fees` (dollars).
///
/// Schema version 2 stores the fees split as the broker states them, `"fees": {"commissions": "…",
/// "exchange": "…"}`; version 1 stored one `"fees": "…"` string, read as commissions with no exchange
/// fees (see `CondorClosedV1ToV2`).
public struct CondorClosed: LedgerEventPayload {
    public static let eventType = "CondorClosed"
    public static let schemaVersion = 2

    public var condorID: UUID
    /// The legs closed, as they were held (signed quantities).
    public var closedLegs: [CondorLeg]
    public var contracts: Int
    @DecimalText public var price: Decimal
    /// Commissions and exchange/regulatory fees, dollars for the whole order (each ≥ 0).
    public var feeSplit: FeeSplit
    public var reason: CloseReason
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var note: String?

    /// Every fee, dollars (commissions + exchange fees).
    public var fees: Decimal { feeSplit.total }

    /// A close whose fees are not split: all of `fees` is recorded as commissions.
    public init(condorID: UUID, closedLegs: [CondorLeg], contracts: Int, price: Decimal, fees: Decimal,
                reason: CloseReason, signals: DecisionSignals? = nil, note: String? = nil) {
        self.init(condorID: condorID, closedLegs: closedLegs, contracts: contracts, price: price,
                  feeSplit: FeeSplit(commissions: fees, exchange: 0), reason: reason, signals: signals, note: note)
    }

    public init(condorID: UUID, closedLegs: [CondorLeg], contracts: Int, price: Decimal, feeSplit: FeeSplit,
                reason: CloseReason, signals: DecisionSignals? = nil, note: String? = nil) {
        self.condorID = condorID
        self.closedLegs = closedLegs
        self.contracts = contracts
        self.price = price
        self.feeSplit = feeSplit
        self.reason = reason
        self.signals = signals
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case condorID, closedLegs, contracts, price, feeSplit = "fees", reason, signals, note
    }
}
