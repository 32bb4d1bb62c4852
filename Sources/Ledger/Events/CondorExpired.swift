import Foundation

/// A condor reached expiry and was cash settled. Stream `condor-<condorID>`.
/// `settlementLevel` is the index settlement (SOQ for AM, close for PM); `settlementValue` the
/// condor's value per unit at that level (the debit, 0 … widest wing); `fees` dollars.
public struct CondorExpired: LedgerEventPayload {
    public static let eventType = "CondorExpired"

    public var condorID: UUID
    public var expiry: CalendarDate
    public var legs: [CondorLeg]
    public var contracts: Int
    @DecimalText public var settlementLevel: Decimal
    @DecimalText public var settlementValue: Decimal
    @DecimalText public var fees: Decimal
    public var reason: CloseReason

    public init(condorID: UUID, expiry: CalendarDate, legs: [CondorLeg], contracts: Int, settlementLevel: Decimal,
                settlementValue: Decimal, fees: Decimal = 0) {
        self.condorID = condorID
        self.expiry = expiry
        self.legs = legs
        self.contracts = contracts
        self.settlementLevel = settlementLevel
        self.settlementValue = settlementValue
        self.fees = fees
        self.reason = .expiry
    }
}

extension CondorExpired {
    public static let stream = EventStreamKind.condor
    public static let example: CondorExpired = {
        let strikes = CondorOpened.example.strikes!
        return CondorExpired(condorID: CondorOpened.example.condorID, expiry: strikes.expiry, legs: strikes.legs(contracts: 2), contracts: 2,
                             settlementLevel: Decimal(string: "4930")!, settlementValue: strikes.settlementValue(at: 4930), fees: 0)
    }()

    public var event: LedgerEvent { .condorExpired(self) }

    public var summary: String {
        "condor \(condorID.lowercasedString) expired at \(EventSummary.text(settlementLevel)): settlement value \(EventSummary.text(settlementValue))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let expiry = o.date("expiry"), let legs = o.legs("legs"),
              let contracts = o.int("contracts"), let level = o.decimal("settlementLevel"), let value = o.decimal("settlementValue"),
              let fees = o.decimal("fees"), let reason = o.raw("reason", CloseReason.self) else { return nil }
        self.init(condorID: id, expiry: expiry, legs: legs, contracts: contracts, settlementLevel: level, settlementValue: value, fees: fees)
        self.reason = reason
    }

    /// Ends an open condor: pays the settlement value × multiplier × contracts and the fees.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard var current = condor, current.status == .open else { return nil }
        current.realizedCash -= settlementValue * current.underlying.multiplier * Decimal(current.contracts) + fees
        current.fees += fees
        current.status = .expired
        current.lastEventAt = max(current.lastEventAt, item.occurredAt)
        return current
    }
}
