import Foundation

/// `alvh hedge close LAYER --price P`: sell what the layer still holds.
public struct CloseHedgeLayer: Sendable, Hashable {
    public var layerID: UUID
    public var price: Decimal
    public var fees: Decimal
    public var at: Date?
    public var reason: String?
    public var signals: DecisionSignals?

    public init(layerID: UUID, price: Decimal, fees: Decimal = 0, at: Date? = nil, reason: String? = nil, signals: DecisionSignals? = nil) {
        self.layerID = layerID
        self.price = price
        self.fees = fees
        self.at = at
        self.reason = reason
        self.signals = signals
    }

    /// The command as typed after `alvh`.
    public static let name = "hedge close"

    public static func parse(_ a: CommandArguments) throws -> CloseHedgeLayer {
        CloseHedgeLayer(layerID: try a.positional(Field.layer), price: try a.required(Field.price), fees: try a.optional(Field.fees) ?? 0,
                        at: try a.optional(Field.at), reason: try a.optional(Field.reason), signals: try SignalArguments.parse(a))
    }
}
