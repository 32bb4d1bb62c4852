internal import Crypto

/// SHA-256 (FIPS 180-4) for the ledger's hash chain, migration checksums and derived ids, computed
/// by swift-crypto (BoringSSL's implementation on Linux, CryptoKit on Apple platforms). This type only
/// shapes the results as the store uses them: digests as `[UInt8]`, lower-case hex.
public enum SHA256 {
    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var hasher = Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lower-case hexadecimal of the digest of `bytes`.
    public static func hexHash<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        hex(hash(bytes))
    }

    /// Lower-case hexadecimal of any bytes.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Incremental hashing: `update` any number of times, then `finalize` once.
    public struct Hasher {
        private var state = Crypto.SHA256()

        public init() {}

        public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            state.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }

        public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            let contiguous: Void? = bytes.withContiguousStorageIfAvailable { update($0) }
            if contiguous == nil {
                Array(bytes).withUnsafeBufferPointer { update($0) }
            }
        }

        /// The digest of everything passed to `update`.
        public mutating func finalize() -> [UInt8] {
            Array(state.finalize())
        }
    }
}
