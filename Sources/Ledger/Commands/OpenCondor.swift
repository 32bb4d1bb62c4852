import Foundation

/// `alvh condor open`: sell an iron condor.
public struct OpenCondor: Sendable, Hashable {
    public var portfolio: String
    public var underlying: Underlying
    public var strikes: IronCondorLegs
    public var contracts: Int
    /// Net credit per unit (index points).
    public var credit: Decimal
    /// Dollars for the whole order.
    public var fees: Decimal
    public var at: Date?
    public var condorID: UUID?
    public var signals: DecisionSignals?
    public var note: String?

    public init(portfolio: String, underlying: Underlying, strikes: IronCondorLegs, contracts: Int, credit: Decimal,
                fees: Decimal = 0, at: Date? = nil, condorID: UUID? = nil, signals: DecisionSignals? = nil, note: String? = nil) {
        self.portfolio = portfolio
        self.underlying = underlying
        self.strikes = strikes
        self.contracts = contracts
        self.credit = credit
        self.fees = fees
        self.at = at
        self.condorID = condorID
        self.signals = signals
        self.note = note
    }

    /// The command as typed after `alvh`.
    public static let name = "condor open"

    public static func parse(_ a: CommandArguments) throws -> OpenCondor {
        OpenCondor(portfolio: try a.required(Field.portfolio), underlying: try a.required(Field.underlying),
                   strikes: try IronCondorLegs(expiry: a.required(Field.expiry), longPut: a.required(Field.longPut), shortPut: a.required(Field.shortPut),
                                               shortCall: a.required(Field.shortCall), longCall: a.required(Field.longCall)),
                   contracts: try a.required(Field.contracts), credit: try a.required(Field.credit), fees: try a.optional(Field.fees) ?? 0,
                   at: try a.optional(Field.at), condorID: try a.optional(Field.id), signals: try SignalArguments.parse(a),
                   note: try a.optional(Field.note))
    }
}
