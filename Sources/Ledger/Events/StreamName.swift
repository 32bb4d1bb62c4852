import Foundation

/// Stream ids: `condor-<uuid>`, `hedge-<uuid>`, `market-<feed>`, `portfolio-<name>`
/// (uuids lowercase).
public enum StreamName {
    public static let defaultMarketFeed = "spx"

    public static func condor(_ id: UUID) -> String { "condor-" + id.uuidString.lowercased() }
    public static func hedge(_ id: UUID) -> String { "hedge-" + id.uuidString.lowercased() }
    public static func market(_ feed: String = defaultMarketFeed) -> String { "market-" + feed }
    public static func portfolio(_ name: String) -> String { "portfolio-" + name }

    /// The condor id of a `condor-<uuid>` stream.
    public static func condorID(of stream: String) -> UUID? { id(of: stream, prefix: "condor-") }
    /// The layer id of a `hedge-<uuid>` stream.
    public static func layerID(of stream: String) -> UUID? { id(of: stream, prefix: "hedge-") }

    private static func id(of stream: String, prefix: String) -> UUID? {
        guard stream.hasPrefix(prefix) else { return nil }
        return UUID(uuidString: String(stream.dropFirst(prefix.count)))
    }
}
