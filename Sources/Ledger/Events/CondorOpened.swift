import Foundation

/// An iron condor, or a credit spread (a condor with one side), was sold. Stream
/// `condor-<condorID>`, always its first event (or `CondorOpenedFromSplit`).
///
/// `legs` are the four legs (two for a spread) with signed quantities (shorts −contracts, longs
/// +contracts) and, when given, per-leg fills. `credit` is the net premium received per unit (index
/// points, ≥ 0, below the widest wing); cash in is credit × multiplier × contracts. `fees` are
/// dollars for the whole order (≥ 0, reduce cash).
///
/// Schema version 2 allows two legs (a put or call credit spread); the shape is version 1's, so
/// `CondorOpenedV1ToV2` changes nothing. The version tells an older alvh, which would not see a
/// condor in two legs, to refuse rather than skip it.
public struct CondorOpened: LedgerEventPayload {
    public static let eventType = "CondorOpened"
    public static let schemaVersion = 2

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

extension CondorOpened {
    public static let stream = EventStreamKind.condor
    public static let upcasters: [any PayloadUpcaster] = [CondorOpenedV1ToV2()]
    public static let example = CondorOpened(
        condorID: UUID(uuidString: "3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d71")!, portfolio: "income", underlying: .spx,
        strikes: try! IronCondorLegs(expiry: CalendarDate(iso: "2026-03-20")!, longPut: 4900, shortPut: 4950, shortCall: 5300, longCall: 5350),
        contracts: 2, credit: Decimal(string: "10.25")!, fees: Decimal(string: "5.2")!,
        signals: DecisionSignals(spx: 5100, vix: 17, vix3m: Decimal(string: "18.5")!), note: "entry day")

    public var event: LedgerEvent { .condorOpened(self) }

    public var summary: String {
        let f = EventSummary.text
        return "condor \(condorID.lowercasedString) opened in \(portfolio): \(underlying.rawValue) \(EventSummary.strikes(legs, expiry)) ×\(contracts) for \(f(credit)) credit, fees \(f(fees))"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard (1...Self.schemaVersion).contains(schemaVersion), let id = o.uuid("condorID"), let portfolio = o.string("portfolio"),
              let underlying = o.raw("underlying", Underlying.self), let settlement = o.raw("settlement", SettlementStyle.self),
              let expiry = o.date("expiry"), let legs = o.legs("legs"), let contracts = o.int("contracts"), let multiplier = o.decimal("multiplier"),
              let credit = o.decimal("credit"), let fees = o.decimal("fees"), let signals = o.signals("signals"),
              let note = o.optionalString("note"), let placeholder = Self.placeholderStrikes else { return nil }
        self.init(condorID: id, portfolio: portfolio, underlying: underlying, strikes: placeholder, contracts: contracts,
                  credit: credit, fees: fees, signals: signals, note: note)
        self.settlement = settlement
        self.expiry = expiry
        self.legs = legs
        self.multiplier = multiplier
    }

    /// Strikes for the initialiser; every field they set (expiry, legs) is replaced by the stored ones right after.
    private static let placeholderStrikes = try? IronCondorLegs(expiry: CalendarDate(year: 2000, month: 1, day: 3)!,
                                                                longPut: 1, shortPut: 2, shortCall: 3, longCall: 4)

    /// Opens the condor: cash = credit × multiplier × contracts − fees.
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? {
        guard condor == nil, let strikes else { return nil }
        let cash = credit * multiplier * Decimal(contracts) - fees
        return CondorState(condorID: condorID, portfolio: portfolio, underlying: underlying, status: .open, strikes: strikes,
                           contracts: contracts, openedAt: item.occurredAt, openingCredit: credit, rolls: [], cumulativeCredit: credit,
                           deferrals: 0, realizedCash: cash, fees: fees, lastEventAt: item.occurredAt, openedContracts: contracts, version: 0)
    }
}
