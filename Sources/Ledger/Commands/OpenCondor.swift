import Foundation

/// `alvh condor open`: sell an iron condor, or a credit spread (a condor with one side: the put
/// strikes without the call strikes, or the other way round). The credit must be below the widest
/// wing (`MarketRule.credit`).
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
        try checked(portfolio: a.required(Field.portfolio), underlying: a.required(Field.underlying),
                    strikes: IronCondorLegs(expiry: a.required(Field.expiry), longPut: a.optional(Field.longPut), shortPut: a.optional(Field.shortPut),
                                            shortCall: a.optional(Field.shortCall), longCall: a.optional(Field.longCall)),
                    contracts: a.required(Field.contracts), credit: a.required(Field.credit), fees: a.optional(Field.fees) ?? 0,
                    at: a.optional(Field.at), condorID: a.optional(Field.id), signals: SignalArguments.parse(a), note: a.optional(Field.note))
    }

    /// The command with the market's rule on the credit checked (right after the credit's own rule,
    /// as the command line and CSV rows both read it).
    public static func checked(portfolio: @autoclosure () throws -> String, underlying: @autoclosure () throws -> Underlying,
                               strikes: @autoclosure () throws -> IronCondorLegs,
                               contracts: @autoclosure () throws -> Int, credit: @autoclosure () throws -> Decimal,
                               fees: @autoclosure () throws -> Decimal, at: @autoclosure () throws -> Date?,
                               condorID: @autoclosure () throws -> UUID?, signals: @autoclosure () throws -> DecisionSignals?,
                               note: @autoclosure () throws -> String?) throws -> OpenCondor {
        let portfolio = try portfolio(), underlying = try underlying(), strikes = try strikes(), contracts = try contracts(), credit = try credit()
        try MarketRule.credit(credit, for: strikes, field: Field.credit.name)
        return OpenCondor(portfolio: portfolio, underlying: underlying, strikes: strikes, contracts: contracts, credit: credit, fees: try fees(),
                          at: try at(), condorID: try condorID(), signals: try signals(), note: try note())
    }
}
