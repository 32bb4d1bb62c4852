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

    public static func parse(_ a: CommandArguments) throws -> OpenCondor {
        let portfolio = try TextRule.name(try a.required("--portfolio"), field: "--portfolio")
        let underlyingText = try a.required("--underlying")
        guard let underlying = Underlying(spec: underlyingText) else {
            throw LedgerValidationError(field: "--underlying", rule: "must be SPX, SPXW or XSP (got \(Echo.quoted(underlyingText)))")
        }
        let expiry = try ExpiryRule.requireTradingDay(try FieldParser.date(try a.required("--expiry"), field: "--expiry"), field: "--expiry")
        let strikes = try IronCondorLegs(
            expiry: expiry,
            longPut: try FieldParser.strike(try a.required("--long-put"), field: "--long-put"),
            shortPut: try FieldParser.strike(try a.required("--short-put"), field: "--short-put"),
            shortCall: try FieldParser.strike(try a.required("--short-call"), field: "--short-call"),
            longCall: try FieldParser.strike(try a.required("--long-call"), field: "--long-call"))
        return OpenCondor(
            portfolio: portfolio, underlying: underlying, strikes: strikes,
            contracts: try FieldParser.count(try a.required("--contracts"), field: "--contracts"),
            credit: try FieldParser.price(try a.required("--credit"), field: "--credit"),
            fees: try a.optional("--fees").map { try FieldParser.price($0, field: "--fees") } ?? 0,
            at: try a.optional("--at").map { try FieldParser.instant($0, field: "--at") },
            condorID: try a.optional("--id").map { try FieldParser.uuid($0, field: "--id") },
            signals: try SignalArguments.parse(a),
            note: try a.optional("--note").map { try TextRule.reason($0, field: "--note") })
    }
}
