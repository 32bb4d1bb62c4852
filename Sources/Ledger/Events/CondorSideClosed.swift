import Foundation

/// One side of an iron condor was bought back; the other stays open under the same id as a credit
/// spread. Stream `condor-<condorID>`; schema version 1.
///
/// `side` is the side closed (put or call); `closedLegs` its two legs as they were held (signed
/// quantities for `contracts`, every contract open: a side close of some of them is recorded on the
/// condor they continue as after a `CondorSplit`); `legsAfter` the two legs left. `price` is the net
/// debit per unit paid for the side (index points, ≥ 0); cash out is price × multiplier × contracts
/// plus the fees, split as the broker states them (`{"commissions", "exchange"}`, dollars for the
/// whole order). Like a roll that reopens nothing, the debit comes off the cumulative credit. Capital
/// at risk falls from the widest wing to the remaining side's width.
public struct CondorSideClosed: LedgerEventPayload {
    public static let eventType = "CondorSideClosed"

    public var condorID: UUID
    public var side: RollSide
    public var expiry: CalendarDate
    public var closedLegs: [CondorLeg]
    public var legsAfter: [CondorLeg]
    public var contracts: Int
    @DecimalText public var price: Decimal
    public var feeSplit: FeeSplit
    public var reason: CloseReason
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var note: String?

    /// Every fee, dollars (commissions + exchange fees).
    public var fees: Decimal { feeSplit.total }

    public init(condorID: UUID, side: RollSide, expiry: CalendarDate, closedLegs: [CondorLeg], legsAfter: [CondorLeg], contracts: Int,
                price: Decimal, feeSplit: FeeSplit, reason: CloseReason, signals: DecisionSignals? = nil, note: String? = nil) {
        self.condorID = condorID
        self.side = side
        self.expiry = expiry
        self.closedLegs = closedLegs
        self.legsAfter = legsAfter
        self.contracts = contracts
        self.price = price
        self.feeSplit = feeSplit
        self.reason = reason
        self.signals = signals
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case condorID, side, expiry, closedLegs, legsAfter, contracts, price, feeSplit = "fees", reason, signals, note
    }
}

extension CondorSideClosed {
    public static let stream = EventStreamKind.condor
    public static let example: CondorSideClosed = {
        let full = CondorOpened.example.strikes!
        return CondorSideClosed(condorID: CondorOpened.example.condorID, side: .put, expiry: full.expiry, closedLegs: full.legs(side: .put, contracts: 2),
                                legsAfter: full.legs(side: .call, contracts: 2), contracts: 2, price: Decimal(string: "1.05")!,
                                feeSplit: FeeSplit(commissions: Decimal(string: "2.6")!, exchange: Decimal(string: "0.13")!),
                                reason: .manual, signals: DecisionSignals(spx: 5210), note: "put side nearly worthless")
    }()

    public var event: LedgerEvent { .condorSideClosed(self) }

    public var summary: String {
        "condor \(condorID.lowercasedString): \(side.rawValue) side closed for \(EventSummary.text(price)) debit (\(reason.rawValue)), fees \(EventSummary.text(fees)); now \(EventSummary.strikes(legsAfter, expiry))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let side = o.raw("side", RollSide.self), let expiry = o.date("expiry"),
              let closed = o.legs("closedLegs"), let after = o.legs("legsAfter"), let contracts = o.int("contracts"), let price = o.decimal("price"),
              let feeSplit = o.feeSplit("fees"),
              let reason = o.raw("reason", CloseReason.self), let signals = o.signals("signals"), let note = o.optionalString("note") else { return nil }
        self.init(condorID: id, side: side, expiry: expiry, closedLegs: closed, legsAfter: after, contracts: contracts, price: price, feeSplit: feeSplit,
                  reason: reason, signals: signals, note: note)
    }

    /// Closes one side of an open iron condor, every open contract: the strikes become the other
    /// side's; price × multiplier × contracts and the fees are paid; the debit comes off the
    /// cumulative credit.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open, current.strikes.isIronCondor, side != .both, contracts == current.contracts,
              let after = IronCondorLegs(expiry: expiry, legs: legsAfter), after.sides == (side == .put ? .call : .put) else { return nil }
        current.strikes = after
        current.cumulativeCredit -= price
        current.realizedCash -= price * current.underlying.multiplier * Decimal(contracts) + fees
        current.fees += fees
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
