import Finance
import Foundation

/// The volatility-skew model a market model uses, by name, with its parameters as recorded
/// (`{"model": "vix-term-skew-v1", "parameters": {"atmFactor": "0.8031…", …}}`, decimals as strings).
/// A name fixes the formula: a build that changes the formula gives it a new name, so a ledger
/// recorded with an older one values exactly as it did (or is refused by a build that lacks it).
public struct SkewParameters: Codable, Sendable, Hashable {
    /// `vix-term-skew-v1`: `Finance.VolatilitySkew` as fitted to real CBOE chains — the at-the-money
    /// level by tenor from the mark's VIX9D/VIX/VIX3M (`VolatilityTermStructure`), a put wing and a
    /// call wing in time-scaled log-moneyness. Parameters (`VolatilitySkew.parameters`): atmFactor,
    /// atmTenorExponent, moneynessTimeExponent, putSlope, putScale, callSlope, callScale, minimum, maximum.
    public static let vixTermSkewV1 = "vix-term-skew-v1"

    /// The parameter names of `vix-term-skew-v1`, in `VolatilitySkew.parameters` order.
    public static let vixTermSkewV1Names = VolatilitySkew().parameters.map(\.name)

    public var model: String
    public var parameters: NamedDecimals

    public init(model: String, parameters: NamedDecimals) {
        self.model = model
        self.parameters = parameters
    }

    /// The parameters of a skew, each written as the shortest decimal that reads back as the same
    /// double (so `volatilitySkew()` returns exactly `skew`).
    public init(_ skew: VolatilitySkew) {
        var parameters = NamedDecimals()
        for (name, value) in skew.parameters { parameters[name] = DecimalParser.parse("\(value)") ?? Decimal(value) }
        self.init(model: Self.vixTermSkewV1, parameters: parameters)
    }

    /// The skew a model gets unless told otherwise: `chainFit1` (a refit adds a new constant and
    /// moves this one; recorded models keep what they recorded).
    public static let standard = chainFit1

    /// `vix-term-skew-v1` with the first shipped fit (`VolatilitySkew()`: `VolatilitySkew.Fitted`,
    /// vol clamped to 1 % … 500 %), written out here so it never moves with a refit.
    public static let chainFit1 = SkewParameters(model: vixTermSkewV1, parameters: [
        "atmFactor": MarketModelParameters.d("0.8031492163538921"),
        "atmTenorExponent": MarketModelParameters.d("-0.05568812314939024"),
        "moneynessTimeExponent": MarketModelParameters.d("0.19699111359705773"),
        "putSlope": MarketModelParameters.d("4.498629855371349"),
        "putScale": MarketModelParameters.d("0.22031857443424466"),
        "callSlope": MarketModelParameters.d("3.033598851889227"),
        "callScale": MarketModelParameters.d("0.050000000012586227"),
        "minimum": MarketModelParameters.d("0.01"), "maximum": 5,
    ])

    /// The skew these parameters describe. Each decimal becomes the double its text reads as.
    /// Errors name `skew.<parameter>` and the rule (`VolatilitySkew.validate()`'s ranges).
    public func volatilitySkew() throws -> VolatilitySkew {
        guard model == Self.vixTermSkewV1 else {
            throw LedgerValidationError(field: "skew.model", rule: "must be \(Self.vixTermSkewV1) (got \(Echo.quoted(model))); use a newer alvh")
        }
        let names = Self.vixTermSkewV1Names
        if let extra = parameters.names.first(where: { !names.contains($0) }) {
            throw LedgerValidationError(field: "skew.\(extra)", rule: "is not a parameter of \(model) (\(names.joined(separator: ", ")))")
        }
        func value(_ name: String) throws -> Double {
            guard let decimal = parameters[name] else { throw LedgerValidationError(field: "skew.\(name)", rule: "is required by \(model)") }
            guard let double = Double(DecimalParser.format(decimal)) else {
                throw LedgerValidationError(field: "skew.\(name)", rule: "must be a finite number (got \(DecimalParser.format(decimal)))")
            }
            return double
        }
        let skew = VolatilitySkew(atmFactor: try value("atmFactor"), atmTenorExponent: try value("atmTenorExponent"),
                                  moneynessTimeExponent: try value("moneynessTimeExponent"), putSlope: try value("putSlope"),
                                  putScale: try value("putScale"), callSlope: try value("callSlope"), callScale: try value("callScale"),
                                  minimum: try value("minimum"), maximum: try value("maximum"))
        do {
            try skew.validate()
        } catch let error as FinanceError {
            throw LedgerValidationError(field: "skew.\(error.field)", rule: error.rule)
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
