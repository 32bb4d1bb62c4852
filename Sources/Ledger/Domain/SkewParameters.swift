import Finance
import Foundation

/// The volatility-skew model a market model uses, by name, with its parameters as recorded
/// (`{"model": "vix-wings-v1", "parameters": {"atmFactor": "0.9", …}}`, decimals as strings).
/// A name fixes the formula: a build that changes the formula gives it a new name, so a ledger
/// recorded with an older one values exactly as it did (or is refused by a build that lacks it).
public struct SkewParameters: Codable, Sendable, Hashable {
    /// `vix-wings-v1`: `Finance.VolatilitySkew` (exponential put and call wings in log-moneyness
    /// over √t around atmFactor × VIX); parameters atmFactor, putSlope, callSlope, scale, minimum, maximum.
    public static let vixWingsV1 = "vix-wings-v1"

    public var model: String
    public var parameters: NamedDecimals

    public init(model: String, parameters: NamedDecimals) {
        self.model = model
        self.parameters = parameters
    }

    /// `vix-wings-v1` with the finance library's documented defaults (atm 0.9 × VIX, put slope 1.2,
    /// call slope 0.3, scale 0.4, vol clamped to 1 %…500 %), written out so they never move.
    public static let standard = SkewParameters(model: vixWingsV1, parameters: [
        "atmFactor": MarketModelParameters.d("0.9"), "putSlope": MarketModelParameters.d("1.2"),
        "callSlope": MarketModelParameters.d("0.3"), "scale": MarketModelParameters.d("0.4"),
        "minimum": MarketModelParameters.d("0.01"), "maximum": 5,
    ])

    /// The skew these parameters describe. Errors name `skew.<parameter>` and the rule.
    public func volatilitySkew() throws -> VolatilitySkew {
        guard model == Self.vixWingsV1 else {
            throw LedgerValidationError(field: "skew.model", rule: "must be \(Self.vixWingsV1) (got \(Echo.quoted(model))); use a newer alvh")
        }
        let names = ["atmFactor", "putSlope", "callSlope", "scale", "minimum", "maximum"]
        if let extra = parameters.names.first(where: { !names.contains($0) }) {
            throw LedgerValidationError(field: "skew.\(extra)", rule: "is not a parameter of \(model) (\(names.joined(separator: ", ")))")
        }
        func value(_ name: String, _ range: ClosedRange<Decimal>) throws -> Double {
            guard let decimal = parameters[name] else { throw LedgerValidationError(field: "skew.\(name)", rule: "is required by \(model)") }
            guard range.contains(decimal) else {
                throw LedgerValidationError(field: "skew.\(name)", rule: "must be \(DecimalParser.format(range.lowerBound)) … \(DecimalParser.format(range.upperBound)) (got \(DecimalParser.format(decimal)))")
            }
            return NSDecimalNumber(decimal: decimal).doubleValue
        }
        let skew = VolatilitySkew(atmFactor: try value("atmFactor", MarketModelParameters.d("0.1")...5), putSlope: try value("putSlope", 0...10),
                                  callSlope: try value("callSlope", 0...MarketModelParameters.d("0.99")), scale: try value("scale", MarketModelParameters.d("0.01")...10),
                                  minimum: try value("minimum", MarketModelParameters.d("0.001")...1), maximum: try value("maximum", MarketModelParameters.d("0.01")...10))
        guard skew.minimum < skew.maximum else {
            throw LedgerValidationError(field: "skew.maximum", rule: "must be above skew.minimum")
        }
        return skew
    }

    enum CodingKeys: String, CodingKey { case model, parameters }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        parameters = try container.decode(NamedDecimals.self, forKey: .parameters)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(parameters, forKey: .parameters)
    }
}

/// Decimals by name, kept sorted by name (so equal contents print, hash and encode alike), coded
/// as a JSON object of decimal strings.
public struct NamedDecimals: Codable, Sendable, Hashable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public private(set) var entries: [(name: String, value: Decimal)] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, Decimal)...) {
        for (name, value) in elements { self[name] = value }
    }

    public subscript(name: String) -> Decimal? {
        get { entries.first { $0.name == name }?.value }
        set {
            entries.removeAll { $0.name == name }
            if let newValue {
                entries.append((name, newValue))
                entries.sort { $0.name < $1.name }
            }
        }
    }

    public var names: [String] { entries.map(\.name) }

    public var description: String { "[" + entries.map { "\($0.name): \(DecimalParser.format($0.value))" }.joined(separator: ", ") + "]" }

    public static func == (a: NamedDecimals, b: NamedDecimals) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.name)
            hasher.combine(entry.value)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        for (name, text) in try container.decode([String: String].self) {
            guard let value = DecimalParser.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(name) is not a plain decimal: \(text)")
            }
            self[name] = value
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: entries.map { ($0.name, DecimalParser.format($0.value)) }))
    }
}
