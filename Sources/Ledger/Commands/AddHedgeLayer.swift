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

    /// The command as typed after `alvh`.
    public static let name = "hedge add"

    public static func parse(_ a: CommandArguments) throws -> AddHedgeLayer {
        let target = try target(protects: a.all(Field.protects), portfolio: a.optional(Field.portfolio))
        return AddHedgeLayer(protects: target.protects, portfolio: target.portfolio, instrument: try a.required(Field.instrument),
                             quantity: try a.required(Field.quantity), price: try a.required(Field.price), fees: try a.optional(Field.fees) ?? 0,
                             tier: try a.optional(Field.tier), at: try a.optional(Field.at), layerID: try a.optional(Field.id),
                             reason: try a.optional(Field.reason), signals: try SignalArguments.parse(a))
    }

    /// What the layer protects: `--protects ID[,ID...]` (repeatable; distinct condors) or
    /// `--portfolio NAME`, exactly one of them. `portfolio` is read (and its name checked) first.
    public static func target(protects given: [String], portfolio: @autoclosure () throws -> String?) throws -> (protects: [UUID], portfolio: String?) {
        let texts = given.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let portfolio = try portfolio()
        if !texts.isEmpty, portfolio != nil {
            throw LedgerValidationError(field: Field.protects.name, rule: "give either --protects or --portfolio, not both")
        }
        if texts.isEmpty, portfolio == nil {
            throw LedgerValidationError(field: Field.protects.name, rule: "give --protects ID[,ID...] or --portfolio NAME")
        }
        var protects: [UUID] = []
        for text in texts {
            let id = try FieldParser.uuid(text, field: Field.protects.name)
            guard !protects.contains(id) else { throw LedgerValidationError(field: Field.protects.name, rule: "lists condor \(text) twice") }
            protects.append(id)
        }
        return (protects, portfolio)
    }
}
