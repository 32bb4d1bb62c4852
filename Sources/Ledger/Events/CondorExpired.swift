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
