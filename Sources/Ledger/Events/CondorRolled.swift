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

extension CondorRolled {
    public static let stream = EventStreamKind.condor
    public static let example: CondorRolled = {
        let before = CondorOpened.example.strikes!
        let after = try! IronCondorLegs(expiry: before.expiry, longPut: 4850, shortPut: 4900, shortCall: before.shortCall, longCall: before.longCall)
        return CondorRolled(condorID: CondorOpened.example.condorID, side: .put, expiryBefore: before.expiry, expiryAfter: after.expiry,
                            closedLegs: before.legs(side: .put, contracts: 2), openedLegs: after.legs(side: .put, contracts: 2),
                            legsAfter: after.legs(contracts: 2), contracts: 2, closePrice: 6, openPrice: Decimal(string: "4.5")!,
                            fees: Decimal(string: "2.6")!, trigger: RollTrigger(fixedRule: "stop at 2x", alvh: "regime change: roll"),
                            signals: DecisionSignals(vix: Decimal(string: "24.5")!, vix3m: Decimal(string: "22.1")!), reason: "put side tested")
    }()

    public var event: LedgerEvent { .condorRolled(self) }

    public var summary: String {
        let f = EventSummary.text
        return "condor \(condorID.lowercasedString) rolled (\(side.rawValue)) to \(EventSummary.strikes(legsAfter, expiryAfter)): closed for \(f(closePrice)), opened for \(f(openPrice)), net credit \(f(netCredit)), fees \(f(fees))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let side = o.raw("side", RollSide.self),
              let before = o.date("expiryBefore"), let after = o.date("expiryAfter"), let closed = o.legs("closedLegs"),
              let opened = o.legs("openedLegs"), let legsAfter = o.legs("legsAfter"), let contracts = o.int("contracts"),
              let closePrice = o.decimal("closePrice"), let openPrice = o.decimal("openPrice"), let fees = o.decimal("fees"),
              let trigger = o.trigger("trigger"), let signals = o.signals("signals"), let reason = o.optionalString("reason") else { return nil }
        self.init(condorID: id, side: side, expiryBefore: before, expiryAfter: after, closedLegs: closed, openedLegs: opened,
                  legsAfter: legsAfter, contracts: contracts, closePrice: closePrice, openPrice: openPrice, fees: fees,
                  trigger: trigger, signals: signals, reason: reason)
    }

    /// Moves an open condor to `legsAfter`, adding the roll's net credit to the chain.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open, let after = IronCondorLegs(expiry: expiryAfter, legs: legsAfter) else { return nil }
        current.cumulativeCredit += netCredit
        current.realizedCash += netCredit * current.underlying.multiplier * Decimal(current.contracts) - fees
        current.fees += fees
        current.strikes = after
        current.rolls.append(CondorState.RollLink(eventID: item.eventID, at: item.occurredAt, side: side, legsAfter: after,
                                                  netCredit: netCredit, cumulativeCredit: current.cumulativeCredit))
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
