import Foundation

/// Stream ids: `condor-<uuid>`, `hedge-<uuid>`, `market-<feed>`, `portfolio-<key>` (uuids
/// lowercase). A portfolio's key is its name when the name is 1–100 of letters, digits, `.`, `_`,
/// `-`; any other name (spaces, quotes, Unicode…) is keyed `h:` + 32 hex digits of its digest, since
/// stream ids hold only those characters. The name itself is always in the payload, verbatim.
public enum StreamName {
    public static let defaultMarketFeed = "spx"

    public static func condor(_ id: UUID) -> String { "condor-" + id.uuidString.lowercased() }
    public static func hedge(_ id: UUID) -> String { "hedge-" + id.uuidString.lowercased() }
    public static func market(_ feed: String = defaultMarketFeed) -> String { "market-" + feed }
    public static func portfolio(_ name: String) -> String {
        let plain = name.utf8.count <= 100 && !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        if plain { return "portfolio-" + name }
        let digest = EventIdentity.digest(Array("alvh/portfolio/\(name)".utf8)).prefix(16)
        return "portfolio-h:" + digest.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// The condor id of a `condor-<uuid>` stream.
    public static func condorID(of stream: String) -> UUID? { id(of: stream, prefix: "condor-") }
    /// The layer id of a `hedge-<uuid>` stream.
    public static func layerID(of stream: String) -> UUID? { id(of: stream, prefix: "hedge-") }

    private static func id(of stream: String, prefix: String) -> UUID? {
        guard stream.hasPrefix(prefix) else { return nil }
        return UUID(uuidString: String(stream.dropFirst(prefix.count)))
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
