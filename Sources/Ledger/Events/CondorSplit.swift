import Foundation

/// Some of a condor's contracts continue as another condor (a partial roll: `alvh condor roll ID
/// --contracts N` rolls N of them, which continue as condor `continuedAs`, whose stream starts with
/// `CondorOpenedFromSplit`). The rest stay open under this id. Stream `condor-<condorID>`.
///
/// `contracts` leave (≥ 1, fewer than were open), `remaining` stay. They take their share of the
/// condor's history with them, pro rata: `cash` dollars of the cash so far (credits received less
/// debits and fees paid) and `fees` dollars of the fees so far. Per-unit figures (credits, strikes)
/// are the same for both condors. Voiding it voids the other condor's `CondorOpenedFromSplit` with it
/// (both must be the latest events of their streams that count).
public struct CondorSplit: LedgerEventPayload {
    public static let eventType = "CondorSplit"

    public var condorID: UUID
    public var continuedAs: UUID
    public var contracts: Int
    public var remaining: Int
    @DecimalText public var cash: Decimal
    @DecimalText public var fees: Decimal
    /// Why, verbatim (e.g. `partial roll`).
    public var reason: String

    public init(condorID: UUID, continuedAs: UUID, contracts: Int, remaining: Int, cash: Decimal, fees: Decimal, reason: String) {
        self.condorID = condorID
        self.continuedAs = continuedAs
        self.contracts = contracts
        self.remaining = remaining
        self.cash = cash
        self.fees = fees
        self.reason = reason
    }

    /// The share of `state`'s cash and fees that `contracts` of its contracts take with them.
    public static func share(of state: CondorState, contracts: Int) -> (cash: Decimal, fees: Decimal) {
        let fraction = Decimal(contracts) / Decimal(state.contracts)
        return (Self.rounded(state.realizedCash * fraction), Self.rounded(state.fees * fraction))
    }

    /// Money kept to 1/10,000 of a cent, so a share's text stays short and exact.
    static func rounded(_ value: Decimal) -> Decimal {
        var value = value
        var result = Decimal()
        NSDecimalRound(&result, &value, 6, .bankers)
        return result
    }
}

extension CondorSplit {
    public static let stream = EventStreamKind.condor
    public static let example = CondorSplit(condorID: CondorOpened.example.condorID, continuedAs: UUID(uuidString: "5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d")!,
                                            contracts: 1, remaining: 1, cash: Decimal(string: "1022.4")!, fees: Decimal(string: "2.6")!, reason: "partial roll")

    public var event: LedgerEvent { .condorSplit(self) }

    public var summary: String {
        "condor \(condorID.lowercasedString): \(contracts) contract\(contracts == 1 ? "" : "s") continue as condor \(continuedAs.lowercasedString) (\(reason)); \(remaining) stay"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let other = o.uuid("continuedAs"), let contracts = o.int("contracts"),
              let remaining = o.int("remaining"), let cash = o.decimal("cash"), let fees = o.decimal("fees"), let reason = o.string("reason") else { return nil }
        self.init(condorID: id, continuedAs: other, contracts: contracts, remaining: remaining, cash: cash, fees: fees, reason: reason)
    }

    /// `contracts` of an open condor holding more leave with their share of its cash and fees.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open, contracts >= 1, contracts < current.contracts else { return nil }
        current.realizedCash -= cash
        current.fees -= fees
        current.contracts -= contracts
        current.reductions.append(CondorState.Reduction(eventID: item.eventID, at: item.occurredAt, kind: .split, contracts: contracts,
                                                        price: nil, fees: fees, cash: cash, continuedAs: continuedAs))
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
