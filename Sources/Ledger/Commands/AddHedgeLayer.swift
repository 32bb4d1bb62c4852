import Foundation

/// `alvh hedge add (--protects ID[,ID...] | --portfolio NAME) --instrument SPEC --quantity Q --price P`:
/// buy a hedge layer protecting open condors (all in one portfolio) or a whole existing portfolio.
/// Layers are long: `--quantity` is contracts or shares bought, ≥ 1.
public struct AddHedgeLayer: Sendable, Hashable {
    public var protects: [UUID]
    public var portfolio: String?
    public var instrument: HedgeInstrument
    public var quantity: Int
    /// Fill per unit.
    public var price: Decimal
    public var fees: Decimal
    public var tier: Int?
    public var at: Date?
    public var layerID: UUID?
    public var reason: String?
    public var signals: DecisionSignals?

    public init(protects: [UUID] = [], portfolio: String? = nil, instrument: HedgeInstrument, quantity: Int, price: Decimal,
                fees: Decimal = 0, tier: Int? = nil, at: Date? = nil, layerID: UUID? = nil, reason: String? = nil, signals: DecisionSignals? = nil) {
        self.protects = protects
        self.portfolio = portfolio
        self.instrument = instrument
        self.quantity = quantity
        self.price = price
        self.fees = fees
        self.tier = tier
        self.at = at
        self.layerID = layerID
        self.reason = reason
        self.signals = signals
    }

    public static func parse(_ a: CommandArguments) throws -> AddHedgeLayer {
        let protectsTexts = a.all("--protects").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let portfolio = try a.optional("--portfolio").map { try TextRule.name($0, field: "--portfolio") }
        if !protectsTexts.isEmpty, portfolio != nil {
            throw LedgerValidationError(field: "--protects", rule: "give either --protects or --portfolio, not both")
        }
        if protectsTexts.isEmpty, portfolio == nil {
            throw LedgerValidationError(field: "--protects", rule: "give --protects ID[,ID...] or --portfolio NAME")
        }
        var protects: [UUID] = []
        for text in protectsTexts {
            let id = try FieldParser.uuid(text, field: "--protects")
            guard !protects.contains(id) else { throw LedgerValidationError(field: "--protects", rule: "lists condor \(text) twice") }
            protects.append(id)
        }
        return AddHedgeLayer(
            protects: protects, portfolio: portfolio,
            instrument: try HedgeInstrument(spec: try a.required("--instrument"), field: "--instrument"),
            quantity: try FieldParser.count(try a.required("--quantity"), field: "--quantity"),
            price: try FieldParser.price(try a.required("--price"), field: "--price"),
            fees: try a.optional("--fees").map { try FieldParser.price($0, field: "--fees") } ?? 0,
            tier: try a.optional("--tier").map { try FieldParser.integer($0, field: "--tier", minimum: 1, maximum: 100) },
            at: try a.optional("--at").map { try FieldParser.instant($0, field: "--at") },
            layerID: try a.optional("--id").map { try FieldParser.uuid($0, field: "--id") },
            reason: try a.optional("--reason").map { try TextRule.reason($0, field: "--reason") },
            signals: try SignalArguments.parse(a))
    }
}
