import Foundation

/// Some legs of a condor were closed and others opened in one order. Stream `condor-<condorID>`.
///
/// `closedLegs` are the positions that were closed, as they were held (signed quantities);
/// `openedLegs` the new positions. `closePrice` is the net debit paid per unit to close them and
/// `openPrice` the net credit received per unit for the new ones (both ≥ 0, index points); the
/// roll's net credit per unit is `openPrice − closePrice` (negative: a net debit). `legsAfter` /
/// `expiryAfter` give the whole condor after the roll. `fees`: dollars for the whole order.
public struct CondorRolled: LedgerEventPayload {
    public static let eventType = "CondorRolled"

    public var condorID: UUID
    public var side: RollSide
    public var expiryBefore: CalendarDate
    public var expiryAfter: CalendarDate
    public var closedLegs: [CondorLeg]
    public var openedLegs: [CondorLeg]
    public var legsAfter: [CondorLeg]
    public var contracts: Int
    @DecimalText public var closePrice: Decimal
    @DecimalText public var openPrice: Decimal
    @DecimalText public var fees: Decimal
    public var trigger: RollTrigger?
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var reason: String?

    public init(condorID: UUID, side: RollSide, expiryBefore: CalendarDate, expiryAfter: CalendarDate,
                closedLegs: [CondorLeg], openedLegs: [CondorLeg], legsAfter: [CondorLeg], contracts: Int,
                closePrice: Decimal, openPrice: Decimal, fees: Decimal, trigger: RollTrigger? = nil,
                signals: DecisionSignals? = nil, reason: String? = nil) {
        self.condorID = condorID
        self.side = side
        self.expiryBefore = expiryBefore
        self.expiryAfter = expiryAfter
        self.closedLegs = closedLegs
        self.openedLegs = openedLegs
        self.legsAfter = legsAfter
        self.contracts = contracts
        self.closePrice = closePrice
        self.openPrice = openPrice
        self.fees = fees
        self.trigger = trigger
        self.signals = signals
        self.reason = reason
    }

    /// Net credit per unit of the roll (negative for a net debit).
    public var netCredit: Decimal { openPrice - closePrice }
}
