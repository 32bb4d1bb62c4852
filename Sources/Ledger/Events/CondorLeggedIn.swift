import Foundation

/// A credit spread was completed into an iron condor by selling the missing side on the same
/// expiry and quantity ("legging in"). Stream `condor-<condorID>`.
///
/// `side` is the side added (put or call); `openedLegs` its two legs (signed quantities for
/// `contracts`); `legsAfter` the four legs after. `credit` is the net credit per unit received for the
/// new side (index points, ≥ 0, below its width); cash in is credit × multiplier × contracts less
/// `fees` (dollars). The credit adds to the condor's cumulative credit.
public struct CondorLeggedIn: LedgerEventPayload {
    public static let eventType = "CondorLeggedIn"

    public var condorID: UUID
    public var side: RollSide
    public var expiry: CalendarDate
    public var openedLegs: [CondorLeg]
    public var legsAfter: [CondorLeg]
    public var contracts: Int
    @DecimalText public var credit: Decimal
    @DecimalText public var fees: Decimal
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var note: String?

    public init(condorID: UUID, side: RollSide, expiry: CalendarDate, openedLegs: [CondorLeg], legsAfter: [CondorLeg], contracts: Int,
                credit: Decimal, fees: Decimal, signals: DecisionSignals? = nil, note: String? = nil) {
        self.condorID = condorID
        self.side = side
        self.expiry = expiry
        self.openedLegs = openedLegs
        self.legsAfter = legsAfter
        self.contracts = contracts
        self.credit = credit
        self.fees = fees
        self.signals = signals
        self.note = note
    }
}

extension CondorLeggedIn {
    public static let stream = EventStreamKind.condor
    public static let example: CondorLeggedIn = {
        let full = CondorOpened.example.strikes!
        return CondorLeggedIn(condorID: CondorOpened.example.condorID, side: .call, expiry: full.expiry, openedLegs: full.legs(side: .call, contracts: 2),
                              legsAfter: full.legs(contracts: 2), contracts: 2, credit: Decimal(string: "2.4")!, fees: Decimal(string: "2.6")!,
                              signals: DecisionSignals(spx: 5150), note: "legged in the call side")
    }()

    public var event: LedgerEvent { .condorLeggedIn(self) }

    public var summary: String {
        "condor \(condorID.lowercasedString) legged in the \(side.rawValue) side: now \(EventSummary.strikes(legsAfter, expiry)) for \(EventSummary.text(credit)) credit, fees \(EventSummary.text(fees))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let side = o.raw("side", RollSide.self), let expiry = o.date("expiry"),
              let opened = o.legs("openedLegs"), let after = o.legs("legsAfter"), let contracts = o.int("contracts"),
              let credit = o.decimal("credit"), let fees = o.decimal("fees"), let signals = o.signals("signals"),
              let note = o.optionalString("note") else { return nil }
        self.init(condorID: id, side: side, expiry: expiry, openedLegs: opened, legsAfter: after, contracts: contracts, credit: credit,
                  fees: fees, signals: signals, note: note)
    }

    /// Completes an open one-sided condor: the strikes become `legsAfter`; the credit is received
    /// (cash += credit × multiplier × contracts − fees) and added to the cumulative credit.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open, !current.strikes.isIronCondor,
              let after = IronCondorLegs(expiry: expiry, legs: legsAfter), after.isIronCondor else { return nil }
        current.strikes = after
        current.cumulativeCredit += credit
        current.realizedCash += credit * current.underlying.multiplier * Decimal(current.contracts) - fees
        current.fees += fees
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
