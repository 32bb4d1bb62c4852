import Foundation

/// `alvh condor roll ID`: close one or both spreads and open new ones.
/// Strikes not given keep their current value; `--expiry` (a new expiry) needs `--side both`,
/// since a condor's legs share one expiry.
public struct RollCondor: Sendable, Hashable {
    public var condorID: UUID
    public var side: RollSide
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
                at: Date? = nil, reason: String? = nil, trigger: RollTrigger? = nil, signals: DecisionSignals? = nil) {
        self.condorID = condorID
        self.side = side
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

    public static func parse(_ a: CommandArguments) throws -> RollCondor {
        let id = try FieldParser.uuid(try a.requiredPositional("ID"), field: "ID")
        let sideText = try a.required("--side")
        guard let side = RollSide(rawValue: sideText.lowercased()) else {
            throw LedgerValidationError(field: "--side", rule: "must be put, call or both (got \(Echo.quoted(sideText)))")
        }
        func strike(_ flag: String) throws -> Decimal? { try a.optional(flag).map { try FieldParser.strike($0, field: flag) } }
        return RollCondor(
            condorID: id, side: side,
            expiry: try a.optional("--expiry").map { try ExpiryRule.requireTradingDay(try FieldParser.date($0, field: "--expiry"), field: "--expiry") },
            longPut: try strike("--long-put"), shortPut: try strike("--short-put"),
            shortCall: try strike("--short-call"), longCall: try strike("--long-call"),
            closePrice: try FieldParser.price(try a.required("--close-price"), field: "--close-price"),
            openPrice: try FieldParser.price(try a.required("--open-price"), field: "--open-price"),
            fees: try a.optional("--fees").map { try FieldParser.price($0, field: "--fees") } ?? 0,
            at: try a.optional("--at").map { try FieldParser.instant($0, field: "--at") },
            reason: try a.optional("--reason").map { try TextRule.reason($0, field: "--reason") },
            trigger: try SignalArguments.trigger(a),
            signals: try SignalArguments.parse(a))
    }
}
