import Foundation

/// `alvh hedge reduce LAYER --quantity Q --price P`: sell part of a layer (less than it holds;
/// selling all of it is `alvh hedge close`).
public struct ReduceHedgeLayer: Sendable, Hashable {
    public var layerID: UUID
    public var quantity: Int
    public var price: Decimal
    public var fees: Decimal
    public var at: Date?
    public var reason: String?
    public var signals: DecisionSignals?

    public init(layerID: UUID, quantity: Int, price: Decimal, fees: Decimal = 0, at: Date? = nil, reason: String? = nil, signals: DecisionSignals? = nil) {
        self.layerID = layerID
        self.quantity = quantity
        self.price = price
        self.fees = fees
        self.at = at
        self.reason = reason
        self.signals = signals
    }

    /// The command as typed after `alvh`.
    public static let name = "hedge reduce"

    public static func parse(_ a: CommandArguments) throws -> ReduceHedgeLayer {
        ReduceHedgeLayer(layerID: try a.positional(Field.layer), quantity: try a.required(Field.quantity), price: try a.required(Field.price),
                         fees: try a.optional(Field.fees) ?? 0, at: try a.optional(Field.at), reason: try a.optional(Field.reason),
                         signals: try SignalArguments.parse(a))
    }
}
