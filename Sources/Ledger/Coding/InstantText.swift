import Foundation

/// Stores an instant in JSON as ISO 8601 UTC text with microseconds (`2026-03-02T15:30:00.123456Z`),
/// the precision the ledger keeps (the encoder's `.iso8601` keeps whole seconds only).
@propertyWrapper
public struct InstantText: Codable, Sendable, Hashable {
    public var wrappedValue: Date

    public init(wrappedValue: Date) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let instant = FieldParser.parseInstant(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 instant: \(text)")
        }
        wrappedValue = instant
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.text(wrappedValue))
    }

    /// `wrappedValue` as ISO 8601 UTC with six fractional digits.
    public static func text(_ instant: Date) -> String {
        let micros = (instant.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (micros / 1_000_000).rounded(.down)
        let fraction = Int(micros - seconds * 1_000_000)
        let whole = FieldParser.plainInstant.string(from: Date(timeIntervalSince1970: seconds))
        let digits = String(fraction)
        return String(whole.dropLast()) + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}
