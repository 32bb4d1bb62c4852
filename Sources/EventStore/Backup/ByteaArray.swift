import Foundation
import PostgresClient

/// `bytea[]` elements (hashes), sent as raw bytes in binary format.
extension Data: PostgresArrayElement {
    public static var postgresElementOID: UInt32 { 17 }
    public static var postgresArrayOID: UInt32 { 1001 }
    public func appendPostgresBinary(to buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: self)
        return true
    }
}
