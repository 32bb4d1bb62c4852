import Foundation

/// `alvh hedge add (--protects ID[,ID...] | --portfolio NAME) (--instrument SPEC --quantity Q --price P | --leg LEG...)`:
/// buy a hedge layer protecting open condors (all in one portfolio) or a whole existing portfolio.
/// One instrument: `--quantity` contracts or shares bought (≥ 1) at `--price` per unit. Several legs
/// on one underlying (`--leg 'VIX 2026-01-21 C 22=+2@1.15' --leg 'VIX 2026-01-21 C 30=-2@0.35'`): the
/// layer's units are the greatest common divisor of the legs' quantities, its price their net
/// price per unit (`HedgeLegFill.layer`). Layers are bought: a net debit.
public struct AddHedgeLayer: Sendable, Hashable {
    public var protects: [UUID]
    public var portfolio: String?
    /// What one unit holds, with the fills.
    public var legs: HedgeLegs
    /// Units bought.
    public var quantity: Int
    public var fees: Decimal
    public var tier: Int?
    public var at: Date?
    public var layerID: UUID?
    public var reason: String?
    public var signals: DecisionSignals?

    public init(protects: [UUID] = [], portfolio: String? = nil, legs: HedgeLegs, quantity: Int, fees: Decimal = 0, tier: Int? = nil,
                at: Date? = nil, layerID: UUID? = nil, reason: String? = nil, signals: DecisionSignals? = nil) {
        self.protects = protects
        self.portfolio = portfolio
        self.legs = legs
        self.quantity = quantity
        self.fees = fees
        self.tier = tier
        self.at = at
        self.layerID = layerID
        self.reason = reason
        self.signals = signals
    }

    /// One instrument: `quantity` contracts or shares at `price` per unit.
    public init(protects: [UUID] = [], portfolio: String? = nil, instrument: HedgeInstrument, quantity: Int, price: Decimal,
                fees: Decimal = 0, tier: Int? = nil, at: Date? = nil, layerID: UUID? = nil, reason: String? = nil, signals: DecisionSignals? = nil) {
        self.init(protects: protects, portfolio: portfolio, legs: HedgeLegs(single: instrument, price: price), quantity: quantity, fees: fees,
                  tier: tier, at: at, layerID: layerID, reason: reason, signals: signals)
    }

    /// The net price per unit paid.
    public var price: Decimal { legs.netPrice }

    /// The command as typed after `alvh`.
    public static let name = "hedge add"

    public static func parse(_ a: CommandArguments) throws -> AddHedgeLayer {
        let target = try target(protects: a.all(Field.protects), portfolio: a.optional(Field.portfolio))
        let (legs, quantity) = try holding(instrument: a.optional(Field.instrument), quantity: a.optional(Field.quantity), price: a.optional(Field.price),
                                           legs: a.all(Field.leg))
        return AddHedgeLayer(protects: target.protects, portfolio: target.portfolio, legs: legs, quantity: quantity,
                             fees: try a.optional(Field.fees) ?? 0, tier: try a.optional(Field.tier), at: try a.optional(Field.at),
                             layerID: try a.optional(Field.id), reason: try a.optional(Field.reason), signals: try SignalArguments.parse(a))
    }

    /// What the layer holds: `--instrument`, `--quantity` and `--price` (each required), or `--leg`
    /// (repeatable) without them. Read in this order by the command line and CSV rows alike.
    public static func holding(instrument: @autoclosure () throws -> HedgeInstrument?, quantity: @autoclosure () throws -> Int?,
                               price: @autoclosure () throws -> Decimal?, legs: @autoclosure () throws -> [HedgeLegFill]) throws -> (HedgeLegs, Int) {
        let fills = try legs()
        if !fills.isEmpty {
            for (field, given) in [(Field.instrument.name, try instrument() != nil), (Field.quantity.name, try quantity() != nil),
                                   (Field.price.name, try price() != nil)] where given {
                throw LedgerValidationError(field: field, rule: "give either --instrument with --quantity and --price, or --leg for each leg, not both")
            }
            return try HedgeLegFill.layer(fills, field: Field.leg.name)
        }
        guard let instrument = try instrument() else {
            throw LedgerValidationError(field: Field.instrument.name, rule: "is required (or give --leg for each leg of a multi-leg layer)")
        }
        guard let quantity = try quantity() else { throw LedgerValidationError(field: Field.quantity.name, rule: "is required") }
        guard let price = try price() else { throw LedgerValidationError(field: Field.price.name, rule: "is required") }
        return (HedgeLegs(single: instrument, price: price), quantity)
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
