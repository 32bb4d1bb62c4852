import Foundation

/// CondorClosed 1 → 2: the single `fees` string becomes `{"commissions": fees, "exchange": "0"}`.
/// Version 1 did not know how fees divided, so all of them count as commissions; the total, and so
/// every cash figure, is unchanged.
public struct CondorClosedV1ToV2: PayloadUpcaster {
    public let eventType = CondorClosed.eventType
    public let fromVersion = 1

    public init() {}

    public func upcast(_ payload: [String: Any]) throws -> [String: Any] {
        guard let fees = payload["fees"] as? String, DecimalParser.parse(fees) != nil else {
            throw EventUpcastingError.malformed(type: eventType, version: fromVersion, field: "fees", rule: "must be a decimal string")
        }
        var next = payload
        next["fees"] = ["commissions": fees, "exchange": "0"]
        return next
    }
}
