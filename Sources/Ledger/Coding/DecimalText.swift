import Foundation

/// Stores a `Decimal` in JSON as a plain decimal string (`"10.25"`), so no binary floating point
/// ever touches money or prices on their way into or out of the ledger.
@propertyWrapper
public struct DecimalText: Codable, Sendable, Hashable {
    public var wrappedValue: Decimal

    public init(wrappedValue: Decimal) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = DecimalParser.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a plain decimal string: \(text)")
        }
        wrappedValue = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(DecimalParser.format(wrappedValue))
    }
}

/// An optional `Decimal` stored as a decimal string, or omitted when nil.
@propertyWrapper
public struct OptionalDecimalText: Codable, Sendable, Hashable {
    public var wrappedValue: Decimal?

    public init(wrappedValue: Decimal?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decodeNil() ? nil : DecimalText(from: decoder).wrappedValue
    }

    public func encode(to encoder: Encoder) throws {
        if let value = wrappedValue {
            try DecimalText(wrappedValue: value).encode(to: encoder)
        } else {
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as nil rather than failing.
    public func decode(_ type: OptionalDecimalText.Type, forKey key: Key) throws -> OptionalDecimalText {
        try decodeIfPresent(type, forKey: key) ?? OptionalDecimalText(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    /// A nil value is omitted rather than written as `null`.
    public mutating func encode(_ value: OptionalDecimalText, forKey key: Key) throws {
        if value.wrappedValue != nil { try encodeIfPresent(value, forKey: key) }
    }
}
