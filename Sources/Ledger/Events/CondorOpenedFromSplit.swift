import Foundation

/// A condor that continues some contracts of another (`CondorSplit`, a partial roll). Stream
/// `condor-<condorID>`, always its first event; the roll itself follows as a `CondorRolled`.
///
/// It carries what the contracts had: the other condor's portfolio, underlying, legs (signed for
/// `contracts`), its opening instant (`openedAt`: the trade's age counts from there), its opening and
/// cumulative credit per unit, the rolls and deferrals made so far, and the `cash` and `fees`
/// (dollars) that left the other condor with them.
public struct CondorOpenedFromSplit: LedgerEventPayload {
    public static let eventType = "CondorOpenedFromSplit"

    public var condorID: UUID
    public var splitFrom: UUID
    public var portfolio: String
    public var underlying: Underlying
    public var settlement: SettlementStyle
    public var expiry: CalendarDate
    public var legs: [CondorLeg]
    public var contracts: Int
    @DecimalText public var multiplier: Decimal
    /// When the condor it was split off was opened (microseconds kept).
    @InstantText public var openedAt: Date
    @DecimalText public var openingCredit: Decimal
    @DecimalText public var cumulativeCredit: Decimal
    @DecimalText public var cash: Decimal
    @DecimalText public var fees: Decimal
    public var rolls: Int
    public var deferrals: Int

    /// Carries `contracts` of `state` (whose share of cash and fees is `cash`, `fees`) into condor `condorID`.
    public init(condorID: UUID, splitOff state: CondorState, contracts: Int, cash: Decimal, fees: Decimal) {
        self.condorID = condorID
        splitFrom = state.condorID
        portfolio = state.portfolio
        underlying = state.underlying
        settlement = state.underlying.settlement
        expiry = state.expiry
        legs = state.strikes.legs(contracts: contracts)
        self.contracts = contracts
        multiplier = state.underlying.multiplier
        openedAt = state.openedAt
        openingCredit = state.openingCredit
        cumulativeCredit = state.cumulativeCredit
        self.cash = cash
        self.fees = fees
        rolls = state.rollCount
        deferrals = state.deferrals
    }

    /// The strikes as an `IronCondorLegs` (nil only if a stored payload was malformed).
    public var strikes: IronCondorLegs? { IronCondorLegs(expiry: expiry, legs: legs) }
}

extension CondorOpenedFromSplit {
    public static let stream = EventStreamKind.condor
    public static let example: CondorOpenedFromSplit = {
        let opened = CondorOpened.example
        let state = CondorState(condorID: opened.condorID, portfolio: opened.portfolio, underlying: opened.underlying, status: .open,
                                strikes: opened.strikes!, contracts: 2, openedAt: Date(timeIntervalSince1970: 1_772_463_600),
                                openingCredit: opened.credit, rolls: [], cumulativeCredit: opened.credit, deferrals: 0,
                                realizedCash: Decimal(string: "2044.8")!, fees: Decimal(string: "5.2")!, lastEventAt: Date(timeIntervalSince1970: 1_772_463_600),
                                openedContracts: 2, version: 1)
        return CondorOpenedFromSplit(condorID: CondorSplit.example.continuedAs, splitOff: state, contracts: 1,
                                     cash: CondorSplit.example.cash, fees: CondorSplit.example.fees)
    }()

    public var event: LedgerEvent { .condorOpenedFromSplit(self) }

    public var summary: String {
        "condor \(condorID.lowercasedString) continues \(contracts) contract\(contracts == 1 ? "" : "s") of condor \(splitFrom.lowercasedString): \(underlying.rawValue) \(EventSummary.strikes(legs, expiry))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let id = o.uuid("condorID"), let from = o.uuid("splitFrom"), let portfolio = o.string("portfolio"),
              let underlying = o.raw("underlying", Underlying.self), let settlement = o.raw("settlement", SettlementStyle.self),
              let expiry = o.date("expiry"), let legs = o.legs("legs"), let contracts = o.int("contracts"), let multiplier = o.decimal("multiplier"),
              let openedAt = o.string("openedAt").flatMap(FieldParser.parseInstant), let opening = o.decimal("openingCredit"),
              let cumulative = o.decimal("cumulativeCredit"), let cash = o.decimal("cash"), let fees = o.decimal("fees"),
              let rolls = o.int("rolls"), let deferrals = o.int("deferrals") else { return nil }
        self.condorID = id
        splitFrom = from
        self.portfolio = portfolio
        self.underlying = underlying
        self.settlement = settlement
        self.expiry = expiry
        self.legs = legs
        self.contracts = contracts
        self.multiplier = multiplier
        self.openedAt = openedAt
        openingCredit = opening
        cumulativeCredit = cumulative
        self.cash = cash
        self.fees = fees
        self.rolls = rolls
        self.deferrals = deferrals
    }

    /// Starts the condor with what it carries.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard condor == nil, let strikes else { return nil }
        return CondorState(condorID: condorID, portfolio: portfolio, underlying: underlying, status: .open, strikes: strikes, contracts: contracts,
                           openedAt: openedAt, openingCredit: openingCredit, rolls: [], cumulativeCredit: cumulativeCredit, deferrals: deferrals,
                           realizedCash: cash, fees: fees, lastEventAt: item.occurredAt, openedContracts: contracts, splitFrom: splitFrom,
                           priorRolls: rolls, version: 0)
    }
}
