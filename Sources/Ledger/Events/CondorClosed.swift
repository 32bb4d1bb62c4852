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

extension CondorClosed {
    public static let stream = EventStreamKind.condor
    public static let upcasters: [any PayloadUpcaster] = [CondorClosedV1ToV2()]
    public static let example = CondorClosed(condorID: CondorOpened.example.condorID, closedLegs: CondorOpened.example.legs, contracts: 2,
                                             price: Decimal(string: "2.1")!,
                                             feeSplit: FeeSplit(commissions: Decimal(string: "5.2")!, exchange: Decimal(string: "0.52")!),
                                             reason: .takeProfit, signals: DecisionSignals(vix: 15), note: "half the credit kept")

    public var event: LedgerEvent { .condorClosed(self) }

    public var summary: String {
        "condor \(condorID.lowercasedString) closed for \(EventSummary.text(price)) debit (\(reason.rawValue)), fees \(EventSummary.text(fees))"
    }

    /// Reads version 2 and version 1 (whose single fees string is commissions with no exchange
    /// fees, as `CondorClosedV1ToV2` says).
    public init?(fields o: PayloadFields, schemaVersion: Int) {
        let feeSplit: FeeSplit?
        switch schemaVersion {
        case 1: feeSplit = o.decimal("fees").map { FeeSplit(commissions: $0, exchange: 0) }
        case 2: feeSplit = o.feeSplit("fees")
        default: return nil
        }
        guard let id = o.uuid("condorID"), let legs = o.legs("closedLegs"), let contracts = o.int("contracts"),
              let price = o.decimal("price"), let feeSplit, let reason = o.raw("reason", CloseReason.self),
              let signals = o.signals("signals"), let note = o.optionalString("note") else { return nil }
        self.init(condorID: id, closedLegs: legs, contracts: contracts, price: price, feeSplit: feeSplit, reason: reason, signals: signals, note: note)
    }

    /// Ends an open condor: pays price × multiplier × contracts and the fees.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open else { return nil }
        current.realizedCash -= price * current.underlying.multiplier * Decimal(current.contracts) + fees
        current.fees += fees
        current.status = .closed
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
