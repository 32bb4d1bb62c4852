import EventStore
import Foundation

/// Stable row ids: SHA-256 (hex) of a row's normalized contents plus how many identical rows came
/// before it in the file. The contents are the parsed values (instant, kind, action, symbol,
/// quantity, value, fees, order), not the raw text, so the same fill exported again — in a later,
/// overlapping file, or in a variant of the format with other columns — keeps its id.
public struct BrokerRowIdentity {
    private var occurrences: [String: Int] = [:]

    public init() {}

    /// The id of the next row with these normalized `fields`.
    public mutating func next(_ fields: [String]) -> String {
        let canonical = fields.joined(separator: "\u{1F}")
        let occurrence = occurrences[canonical, default: 0]
        occurrences[canonical] = occurrence + 1
        return SHA256.hexHash(Array((canonical + "\u{1E}\(occurrence)").utf8))
    }
}
