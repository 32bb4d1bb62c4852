import EventStore
import Foundation
import PostgresClient

/// A stored payload parsed straight from a result's bytes (no copy into `Data` first): the
/// members of its top-level object, or nil when it is not one the fast reader understands (the
/// caller then decodes the value canonically). Reads `jsonb` (binary format version 1), `json`
/// and `text` columns.
struct PayloadTree: PostgresDecodable {
    /// The parsed payload (an object, when the fast reader understood it).
    var root: JSONValue?

    var members: [(key: String, value: JSONValue)]? { root?.object }

    static func decode(from cell: PostgresCell) throws -> PayloadTree {
        var bytes = cell.bytes
        switch cell.typeOID {
        case PostgresType.jsonb:
            guard bytes.first == 1 else { return PayloadTree(root: nil) }
            bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        case PostgresType.json, PostgresType.text:
            break
        default:
            throw cell.mismatch(PayloadTree.self)
        }
        var scanner = JSONScanner(bytes: bytes.bindMemory(to: UInt8.self))
        return PayloadTree(root: scanner.document())
    }
}
