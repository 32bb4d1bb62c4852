import Foundation

/// Some of a condor's contracts were bought back; the rest stay open under the same id. Stream
/// `condor-<condorID>`.
///
/// `contracts` were closed (≥ 1, fewer than were open) and `remaining` stay open. `closedLegs` are
/// the legs closed, as they were held (signed quantities for `contracts`). `price` is the net debit
/// per unit paid (index points, ≥ 0); cash out is price × multiplier × contracts plus the fees, split
/// as the broker states them (`{"commissions", "exchange"}`, dollars for the whole order). Capital at
/// risk is released pro rata: the closed contracts' share of the widest wing.
public struct CondorPartiallyClosed: LedgerEventPayload {
    public static let eventType = "CondorPartiallyClosed"

    public var condorID: UUID
    public var closedLegs: [CondorLeg]
    public var contracts: Int
    public var remaining: Int
    @DecimalText public var price: Decimal
    public var feeSplit: FeeSplit
    public var reason: CloseReason
    public var signals: DecisionSignals?
    /// Free text, stored verbatim.
    public var note: String?

    /// Every fee, dollars (commissions + exchange fees).
    public var fees: Decimal { feeSplit.total }

    public init(condorID: UUID, closedLegs: [CondorLeg], contracts: Int, remaining: Int, price: Decimal, feeSplit: FeeSplit,
                reason: CloseReason, signals: DecisionSignals? = nil, note: String? = nil) {
        self.condorID = condorID
        self.closedLegs = closedLegs
        self.contracts = contracts
        self.remaining = remaining
        self.price = price
        self.feeSplit = feeSplit
        self.reason = reason
        self.signals = signals
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case condorID, closedLegs, contracts, remaining, price, feeSplit = "fees", reason, signals, note
    }
}

extension CondorPartiallyClosed {
    public static let stream = EventStreamKind.condor
    public static let example = CondorPartiallyClosed(
        condorID: CondorOpened.example.condorID, closedLegs: CondorOpened.example.strikes!.legs(contracts: 1), contracts: 1, remaining: 1,
        price: Decimal(string: "3.4")!, feeSplit: FeeSplit(commissions: Decimal(string: "2.6")!, exchange: Decimal(string: "0.26")!),
        reason: .manual, signals: DecisionSignals(vix: 19), note: "took half off")

    public var event: LedgerEvent { .condorPartiallyClosed(self) }

    public var summary: String {
        "condor \(condorID.lowercasedString): \(contracts) contract\(contracts == 1 ? "" : "s") closed for \(EventSummary.text(price)) debit (\(reason.rawValue)), fees \(EventSummary.text(fees)); \(remaining) still open"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let legs = o.legs("closedLegs"), let contracts = o.int("contracts"),
              let remaining = o.int("remaining"), let price = o.decimal("price"),
              let feeSplit = o.feeSplit("fees"),
              let reason = o.raw("reason", CloseReason.self), let signals = o.signals("signals"), let note = o.optionalString("note") else { return nil }
        self.init(condorID: id, closedLegs: legs, contracts: contracts, remaining: remaining, price: price, feeSplit: feeSplit, reason: reason,
                  signals: signals, note: note)
    }

    /// Closes `contracts` of an open condor holding more: pays price × multiplier × contracts and
    /// the fees; the rest stay open.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open, contracts >= 1, contracts < current.contracts else { return nil }
        current.realizedCash -= price * current.underlying.multiplier * Decimal(contracts) + fees
        current.fees += fees
        current.contracts -= contracts
        current.reductions.append(CondorState.Reduction(eventID: item.eventID, at: item.occurredAt, kind: .close, contracts: contracts,
                                                        price: price, fees: fees, cash: 0, continuedAs: nil))
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
