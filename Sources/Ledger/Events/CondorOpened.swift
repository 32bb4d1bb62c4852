import Foundation

/// An iron condor was sold. Stream `condor-<condorID>`, always its first event.
///
/// `legs` are the four legs with signed quantities (shorts −contracts, longs +contracts) and, when
/// given, per-leg fills. `credit` is the net premium received per unit (index points, ≥ 0); cash in
/// is credit × multiplier × contracts. `fees` are dollars for the whole order (≥ 0, reduce cash).
public struct CondorOpened: LedgerEventPayload {
    public static let eventType = "CondorOpened"

    public var condorID: UUID
    /// Portfolio name, stored verbatim.
    public var portfolio: String
    public var underlying: Underlying
    public var settlement: SettlementStyle
    public var expiry: CalendarDate
    public var legs: [CondorLeg]
    /// Condors sold (≥ 1).
    public var contracts: Int
    /// Dollars per index point per contract (100).
    @DecimalText public var multiplier: Decimal
    /// Net credit per unit, index points.
    @DecimalText public var credit: Decimal
    /// Dollars for the whole order.
    @DecimalText public var fees: Decimal
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var note: String?

    public init(condorID: UUID, portfolio: String, underlying: Underlying, strikes: IronCondorLegs, contracts: Int,
                credit: Decimal, fees: Decimal, signals: DecisionSignals? = nil, note: String? = nil) {
        self.condorID = condorID
        self.portfolio = portfolio
        self.underlying = underlying
        self.settlement = underlying.settlement
        self.expiry = strikes.expiry
        self.legs = strikes.legs(contracts: contracts)
        self.contracts = contracts
        self.multiplier = underlying.multiplier
        self.credit = credit
        self.fees = fees
        self.signals = signals
        self.note = note
    }

    /// The strikes as an `IronCondorLegs` (nil only if a stored payload was malformed).
    public var strikes: IronCondorLegs? { IronCondorLegs(expiry: expiry, legs: legs) }
}
