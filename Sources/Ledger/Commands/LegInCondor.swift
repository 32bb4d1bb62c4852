import Foundation

/// `alvh condor leg-in ID (--long-put K --short-put K | --short-call K --long-call K) --credit C`:
/// sell the side a credit spread lacks, on its expiry and for all its open contracts, completing it
/// into an iron condor (`CondorLeggedIn`). `--credit` is the net credit per unit for the new side,
/// below its width; `--fees` dollars for the whole order.
public struct LegInCondor: Sendable, Hashable {
    public var condorID: UUID
    /// The side sold: `.put` or `.call`.
    public var side: RollSide
    /// Long and short strike of the new side (put: long < short; call: short < long).
    public var longStrike: Decimal
    public var shortStrike: Decimal
    public var credit: Decimal
    public var fees: Decimal
    public var at: Date?
    public var note: String?
    public var signals: DecisionSignals?

    public init(condorID: UUID, side: RollSide, longStrike: Decimal, shortStrike: Decimal, credit: Decimal, fees: Decimal = 0, at: Date? = nil,
                note: String? = nil, signals: DecisionSignals? = nil) {
        self.condorID = condorID
        self.side = side
        self.longStrike = longStrike
        self.shortStrike = shortStrike
        self.credit = credit
        self.fees = fees
        self.at = at
        self.note = note
        self.signals = signals
    }

    /// The command as typed after `alvh`.
    public static let name = "condor leg-in"

    public static func parse(_ a: CommandArguments) throws -> LegInCondor {
        let condor = try a.positional(Field.condor)
        let (side, long, short) = try newSide(longPut: a.optional(Field.longPut), shortPut: a.optional(Field.shortPut),
                                              shortCall: a.optional(Field.shortCall), longCall: a.optional(Field.longCall))
        return LegInCondor(condorID: condor, side: side, longStrike: long, shortStrike: short, credit: try a.required(Field.credit),
                           fees: try a.optional(Field.fees) ?? 0, at: try a.optional(Field.at), note: try a.optional(Field.note),
                           signals: try SignalArguments.parse(a))
    }

    /// The side the strikes give: the put strikes or the call strikes, both of the side and not the other's.
    public static func newSide(longPut: Decimal?, shortPut: Decimal?, shortCall: Decimal?, longCall: Decimal?) throws -> (RollSide, Decimal, Decimal) {
        let puts = longPut != nil || shortPut != nil, calls = shortCall != nil || longCall != nil
        if puts, calls {
            throw LedgerValidationError(field: Field.shortCall.name, rule: "leg in one side: give the put strikes or the call strikes, not both")
        }
        if !puts, !calls {
            throw LedgerValidationError(field: Field.shortPut.name, rule: "give the strikes of the side to sell: --long-put and --short-put, or --short-call and --long-call")
        }
        // A side alone, checked as a spread (both strikes, in order).
        let spread = try IronCondorLegs(expiry: CalendarDate(year: 2000, month: 1, day: 3)!, longPut: longPut, shortPut: shortPut,
                                        shortCall: shortCall, longCall: longCall)
        if let longPut = spread.longPut, let shortPut = spread.shortPut { return (.put, longPut, shortPut) }
        return (.call, spread.longCall!, spread.shortCall!)
    }
}
