import EventStore
import Foundation
import Ledger

/// A fast path for decoding stored payloads during replay: the tool's JSON scanner plus each event
/// type's direct construction (`LedgerEventPayload.init(fields:schemaVersion:)`, found through
/// `LedgerEventRegistry`), several times faster than `JSONDecoder` + `Codable`.
///
/// It is only a fast path: whenever a payload has a shape it does not recognise exactly (a missing
/// field, a wrong type, a decimal that is not plain notation, an unknown type or schema version) it
/// returns nil and the caller decodes with the canonical `LedgerEvent(type:schemaVersion:data:)`,
/// which then accepts it or reports the error. ProjectionTests and RegistryTests check that both
/// decoders give equal events.
enum FastEventDecoder {
    static func decode(type: String, schemaVersion: Int, data: Data) -> LedgerEvent? {
        guard let root = JSONScanner.parse(data)?.object else { return nil }
        return decode(type: type, schemaVersion: schemaVersion, members: root)
    }

    /// The same, from a payload already parsed (an object's members).
    static func decode(type: String, schemaVersion: Int, members: [(key: String, value: JSONValue)]) -> LedgerEvent? {
        LedgerEventRegistry.fastDecode(type: type, schemaVersion: schemaVersion, members: members)
    }
}
