import Foundation

/// What a hedge layer holds. Parsed from the `--instrument` spec:
/// `VX YYYY-MM` (VIX future, multiplier 1000), `VIX YYYY-MM-DD C|P STRIKE` (VIX option, 100),
/// or `VXX` / `UVXY` / `VIXY` (ETP shares, 1).
///
/// JSON: `{"kind":"vix-future","month":"2026-03"}`, `{"kind":"vix-option","expiry":"2026-03-18",
/// "right":"C","strike":"25"}`, `{"kind":"etp","symbol":"VXX"}`, each with its `spec` text.
public enum HedgeInstrument: Sendable, Hashable, CustomStringConvertible {
    case vixFuture(month: ContractMonth)
    case vixOption(expiry: CalendarDate, right: OptionRight, strike: Decimal)
    case etp(VolatilityETP)

    /// Dollars per unit of price per contract (or share).
    public var multiplier: Decimal {
        switch self {
        case .vixFuture: 1000
        case .vixOption: 100
        case .etp: 1
        }
    }

    /// The canonical spec text, e.g. `VIX 2026-03-18 C 25`.
    public var spec: String {
        switch self {
        case .vixFuture(let month): "VX \(month)"
        case let .vixOption(expiry, right, strike): "VIX \(expiry) \(right.rawValue) \(DecimalParser.format(strike))"
        case .etp(let symbol): symbol.rawValue
        }
    }

    public var description: String { spec }

    /// The last day the instrument can be held, when it has one (futures: none recorded here).
    public var expiry: CalendarDate? {
        if case let .vixOption(expiry, _, _) = self { return expiry }
        return nil
    }

    /// Parses a spec; the error names `field` and the expected forms.
    public init(spec text: String, field: String = "--instrument") throws {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let expected = "expected 'VX YYYY-MM', 'VIX YYYY-MM-DD C|P STRIKE' or VXX|UVXY|VIXY (got \(Echo.quoted(text)))"
        switch words.first?.uppercased() {
        case "VX" where words.count == 2:
            guard let month = ContractMonth(iso: words[1]) else {
                throw LedgerValidationError(field: field, rule: "VIX future month must be YYYY-MM (got \(Echo.quoted(words[1])))")
            }
            self = .vixFuture(month: month)
        case "VIX" where words.count == 4:
            guard let expiry = CalendarDate(iso: words[1]) else {
                throw LedgerValidationError(field: field, rule: "VIX option expiry must be a YYYY-MM-DD date (got \(Echo.quoted(words[1])))")
            }
            guard let right = OptionRight(spec: words[2]) else {
                throw LedgerValidationError(field: field, rule: "VIX option right must be C or P (got \(Echo.quoted(words[2])))")
            }
            guard let strike = DecimalParser.parse(words[3]), strike > 0, strike <= 1_000_000 else {
                throw LedgerValidationError(field: field, rule: "VIX option strike must be a plain decimal > 0 (got \(Echo.quoted(words[3])))")
            }
            self = .vixOption(expiry: expiry, right: right, strike: strike)
        case let symbol? where words.count == 1:
            guard let etp = VolatilityETP(rawValue: symbol) else {
                throw LedgerValidationError(field: field, rule: expected)
            }
            self = .etp(etp)
        default:
            throw LedgerValidationError(field: field, rule: expected)
        }
    }
}

extension HedgeInstrument: Codable {
    private enum Kind: String, Codable { case vixFuture = "vix-future", vixOption = "vix-option", etp }
    private enum CodingKeys: String, CodingKey { case kind, month, expiry, right, strike, symbol, spec }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .vixFuture:
            self = .vixFuture(month: try container.decode(ContractMonth.self, forKey: .month))
        case .vixOption:
            let strike = try container.decode(DecimalText.self, forKey: .strike).wrappedValue
            self = .vixOption(expiry: try container.decode(CalendarDate.self, forKey: .expiry),
                              right: try container.decode(OptionRight.self, forKey: .right), strike: strike)
        case .etp:
            self = .etp(try container.decode(VolatilityETP.self, forKey: .symbol))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spec, forKey: .spec)
        switch self {
        case .vixFuture(let month):
            try container.encode(Kind.vixFuture, forKey: .kind)
            try container.encode(month, forKey: .month)
        case let .vixOption(expiry, right, strike):
            try container.encode(Kind.vixOption, forKey: .kind)
            try container.encode(expiry, forKey: .expiry)
            try container.encode(right, forKey: .right)
            try container.encode(DecimalText(wrappedValue: strike), forKey: .strike)
        case .etp(let symbol):
            try container.encode(Kind.etp, forKey: .kind)
            try container.encode(symbol, forKey: .symbol)
        }
    }
}
