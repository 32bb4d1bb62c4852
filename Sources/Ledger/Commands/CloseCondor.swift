import Foundation

/// `alvh condor close ID --price PRICE [--contracts N] [--side put|call]`: buy the condor back — all
/// of it, or N of its open contracts (the rest stay open under the same id: `CondorPartiallyClosed`).
/// With `--side`, only that side of an iron condor is bought back and the other stays open under the
/// same id as a credit spread (`CondorSideClosed`); with `--contracts N` too, the N contracts continue
/// as a new condor (`CondorSplit`) whose side is closed. `--side` naming a credit spread's own side
/// closes the spread; naming the side it lacks is refused. `--reason` is one
/// of take-profit, stop, time, alvh, manual (default manual). `--fees` are the commissions and
/// `--exchange-fees` the exchange and regulatory fees (dollars for the whole order, default 0 each).
public struct CloseCondor: Sendable, Hashable {
    public var condorID: UUID
    /// Contracts closed; nil: every open one.
    public var contracts: Int?
    /// The side closed; nil or `.both`: every leg.
    public var side: RollSide?
    /// Net debit per unit for the legs closed (every leg, or the side's two).
    public var price: Decimal
    /// Commissions, dollars for the whole order.
    public var fees: Decimal
    /// Exchange and regulatory fees, dollars for the whole order.
    public var exchangeFees: Decimal
    public var at: Date?
    public var reason: CloseReason
    public var note: String?
    public var signals: DecisionSignals?

    public init(condorID: UUID, contracts: Int? = nil, side: RollSide? = nil, price: Decimal, fees: Decimal = 0, exchangeFees: Decimal = 0, at: Date? = nil,
                reason: CloseReason = .manual, note: String? = nil, signals: DecisionSignals? = nil) {
        self.condorID = condorID
        self.contracts = contracts
        self.side = side
        self.price = price
        self.fees = fees
        self.exchangeFees = exchangeFees
        self.at = at
        self.reason = reason
        self.note = note
        self.signals = signals
    }

    /// The command as typed after `alvh`.
    public static let name = "condor close"

    public static func parse(_ a: CommandArguments) throws -> CloseCondor {
        let reason = try a.optional(Field.closeReason) ?? .manual
        return CloseCondor(condorID: try a.positional(Field.condor), contracts: try a.optional(Field.contracts), side: try a.optional(Field.side),
                           price: try a.required(Field.price),
                           fees: try a.optional(Field.fees) ?? 0,
                           exchangeFees: try a.optional(Field.exchangeFees) ?? 0, at: try a.optional(Field.at), reason: reason,
                           note: try a.optional(Field.note), signals: try SignalArguments.parse(a))
    }
}
