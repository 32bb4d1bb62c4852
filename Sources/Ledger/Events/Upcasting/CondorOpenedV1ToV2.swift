import Foundation

/// CondorOpened 1 → 2: version 2 also allows the two legs of a credit spread; a version-1 payload
/// (always four legs) is already a valid version-2 payload and is returned unchanged.
public struct CondorOpenedV1ToV2: PayloadUpcaster {
    public let eventType = CondorOpened.eventType
    public let fromVersion = 1

    public init() {}

    public func upcast(_ payload: [String: Any]) throws -> [String: Any] {
        guard let legs = payload["legs"] as? [Any], legs.count == 4 else {
            throw EventUpcastingError.malformed(type: eventType, version: fromVersion, field: "legs", rule: "must be the four legs of an iron condor")
        }
        return payload
    }
}
