import Foundation

/// `alvh condor roll ID`: close one or both spreads and open new ones.
/// Strikes not given keep their current value; `--expiry` (a new expiry) needs every leg the
/// condor has (`--side both`, or a credit spread's own side), since a condor's legs share one
/// expiry. `--contracts N` rolls N of the open contracts: they continue as a new condor
/// (`CondorSplit`, `CondorOpenedFromSplit`, then its `CondorRolled`) and the rest stay.
public struct RollCondor: Sendable, Hashable {
    public var condorID: UUID
    public var side: RollSide
    /// Contracts rolled; nil: every open one.
    public var contracts: Int?
    public var expiry: CalendarDate?
    public var longPut: Decimal?
    public var shortPut: Decimal?
    public var shortCall: Decimal?
    public var longCall: Decimal?
    /// Net debit per unit paid to close the legs concerned.
    public var closePrice: Decimal
    /// Net credit per unit received for the new legs.
    public var openPrice: Decimal
    public var fees: Decimal
    public var at: Date?
    public var reason: String?
    public var trigger: RollTrigger?
    public var signals: DecisionSignals?

    public init(condorID: UUID, side: RollSide, expiry: CalendarDate? = nil, longPut: Decimal? = nil, shortPut: Decimal? = nil,
                shortCall: Decimal? = nil, longCall: Decimal? = nil, closePrice: Decimal, openPrice: Decimal, fees: Decimal = 0,
                at: Date? = nil, reason: String? = nil, trigger: RollTrigger? = nil, signals: DecisionSignals? = nil, contracts: Int? = nil) {
        self.condorID = condorID
        self.side = side
        self.contracts = contracts
        self.expiry = expiry
        self.longPut = longPut
        self.shortPut = shortPut
        self.shortCall = shortCall
        self.longCall = longCall
        self.closePrice = closePrice
        self.openPrice = openPrice
        self.fees = fees
        self.at = at
        self.reason = reason
        self.trigger = trigger
        self.signals = signals
    }

    /// The command as typed after `alvh`.
    public static let name = "condor roll"

    public static func parse(_ a: CommandArguments) throws -> RollCondor {
        RollCondor(condorID: try a.positional(Field.condor), side: try a.required(Field.side), expiry: try a.optional(Field.expiry),
                   longPut: try a.optional(Field.longPut), shortPut: try a.optional(Field.shortPut),
                   shortCall: try a.optional(Field.shortCall), longCall: try a.optional(Field.longCall),
                   closePrice: try a.required(Field.closePrice), openPrice: try a.required(Field.openPrice), fees: try a.optional(Field.fees) ?? 0,
                   at: try a.optional(Field.at), reason: try a.optional(Field.reason), trigger: try SignalArguments.trigger(a),
                   signals: try SignalArguments.parse(a), contracts: try a.optional(Field.contracts))
    }
}
