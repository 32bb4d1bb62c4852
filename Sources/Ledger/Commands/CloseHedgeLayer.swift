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

    public static func parse(_ a: CommandArguments) throws -> CloseHedgeLayer {
        CloseHedgeLayer(layerID: try FieldParser.uuid(try a.requiredPositional("LAYER"), field: "LAYER"),
                        price: try FieldParser.price(try a.required("--price"), field: "--price"),
                        fees: try a.optional("--fees").map { try FieldParser.price($0, field: "--fees") } ?? 0,
                        at: try a.optional("--at").map { try FieldParser.instant($0, field: "--at") },
                        reason: try a.optional("--reason").map { try TextRule.reason($0, field: "--reason") },
                        signals: try SignalArguments.parse(a))
    }
}
