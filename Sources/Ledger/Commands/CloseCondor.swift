import Foundation

/// `alvh condor close ID --price PRICE`: buy the whole condor back. `--reason` is one of
/// take-profit, stop, time, alvh, manual (default manual). `--fees` are the commissions and
/// `--exchange-fees` the exchange and regulatory fees (dollars for the whole order, default 0 each).
public struct CloseCondor: Sendable, Hashable {
    public var condorID: UUID
    /// Net debit per unit for all four legs.
    public var price: Decimal
    /// Commissions, dollars for the whole order.
    public var fees: Decimal
    /// Exchange and regulatory fees, dollars for the whole order.
    public var exchangeFees: Decimal
    public var at: Date?
    public var reason: CloseReason
    public var note: String?
    public var signals: DecisionSignals?

    public init(condorID: UUID, price: Decimal, fees: Decimal = 0, exchangeFees: Decimal = 0, at: Date? = nil, reason: CloseReason = .manual,
                note: String? = nil, signals: DecisionSignals? = nil) {
        self.condorID = condorID
        self.price = price
        self.fees = fees
        self.exchangeFees = exchangeFees
        self.at = at
        self.reason = reason
        self.note = note
        self.signals = signals
    }

    public static func parse(_ a: CommandArguments) throws -> CloseCondor {
        var reason = CloseReason.manual
        if let text = a.optional("--reason") {
            guard let parsed = CloseReason(rawValue: text.lowercased()), parsed != .expiry else {
                throw LedgerValidationError(field: "--reason", rule: "must be take-profit, stop, time, alvh or manual (got \(Echo.quoted(text)))")
            }
            reason = parsed
        }
        return CloseCondor(condorID: try FieldParser.uuid(try a.requiredPositional("ID"), field: "ID"),
                           price: try FieldParser.price(try a.required("--price"), field: "--price"),
                           fees: try a.optional("--fees").map { try FieldParser.price($0, field: "--fees") } ?? 0,
                           exchangeFees: try a.optional("--exchange-fees").map { try FieldParser.price($0, field: "--exchange-fees") } ?? 0,
                           at: try a.optional("--at").map { try FieldParser.instant($0, field: "--at") },
                           reason: reason,
                           note: try a.optional("--note").map { try TextRule.reason($0, field: "--note") },
                           signals: try SignalArguments.parse(a))
    }
}
