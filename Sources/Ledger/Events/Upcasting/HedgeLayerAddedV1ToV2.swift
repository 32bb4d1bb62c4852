import Foundation

/// HedgeLayerAdded 1 → 2: the one `instrument`, bought at `price`, becomes the layer's one leg
/// `{"instrument": …, "ratio": 1, "price": price}`; the net price, multiplier and every cash figure
/// are unchanged.
public struct HedgeLayerAddedV1ToV2: PayloadUpcaster {
    public let eventType = HedgeLayerAdded.eventType
    public let fromVersion = 1

    public init() {}

    public func upcast(_ payload: [String: Any]) throws -> [String: Any] {
        guard let instrument = payload["instrument"] as? [String: Any] else {
            throw EventUpcastingError.malformed(type: eventType, version: fromVersion, field: "instrument", rule: "must be an instrument object")
        }
        guard let price = payload["price"] as? String, DecimalParser.parse(price) != nil else {
            throw EventUpcastingError.malformed(type: eventType, version: fromVersion, field: "price", rule: "must be a decimal string")
        }
        var next = payload
        next.removeValue(forKey: "instrument")
        next["legs"] = [["instrument": instrument, "ratio": 1, "price": price] as [String: Any]]
        return next
    }
}
