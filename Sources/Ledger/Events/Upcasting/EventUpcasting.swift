import Foundation

/// Brings a stored payload to the schema version this build reads, one upcaster step at a time.
public enum EventUpcasting {
    /// Every upcaster, in no particular order (each type declares its own: `LedgerEventPayload.upcasters`).
    public static var upcasters: [any PayloadUpcaster] { LedgerEventRegistry.all.flatMap(\.upcasters) }

    /// The version this build writes and reads for each known type.
    public static var currentVersions: [String: Int] { LedgerEventRegistry.byType.mapValues(\.schemaVersion) }

    /// `(version, data)` at the current version of `type`: unchanged when already current or when the
    /// type is unknown (the decoder reports that). Throws `EventUpcastingError` for a version newer than
    /// this build, below 1, or malformed for its version.
    public static func upcast(type: String, schemaVersion: Int, data: Data) throws -> (schemaVersion: Int, data: Data) {
        guard let registration = LedgerEventRegistry.byType[type] else { return (schemaVersion, data) }
        let current = registration.schemaVersion
        guard schemaVersion >= 1 else { throw EventUpcastingError.invalidVersion(type: type, version: schemaVersion) }
        guard schemaVersion <= current else {
            throw EventUpcastingError.newerThanSupported(type: type, version: schemaVersion, newest: current)
        }
        if schemaVersion == current { return (schemaVersion, data) }
        guard var payload = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EventUpcastingError.malformed(type: type, version: schemaVersion, field: "payload", rule: "must be a JSON object")
        }
        var version = schemaVersion
        while version < current {
            guard let step = registration.upcasters.first(where: { $0.fromVersion == version }) else {
                throw EventUpcastingError.noUpcaster(type: type, version: version)
            }
            payload = try step.upcast(payload)
            version += 1
        }
        return (version, try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
