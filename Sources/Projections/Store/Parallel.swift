import Foundation
import PostgresClient

/// Splits work over the machine's cores in contiguous chunks, keeping the results in order, so a
/// parallel map returns exactly what the serial one would.
enum Parallel {
    static func map<T: Sendable, R: Sendable>(_ items: [T], minimumPerChunk: Int = 2_000, _ transform: @Sendable (T) throws -> R) throws -> [R] {
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunks = min(cores * 2, max(1, items.count / minimumPerChunk))
        if chunks <= 1 { return try items.map(transform) }
        let size = (items.count + chunks - 1) / chunks
        let box = Box<[R]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * size)..<min(items.count, (chunk + 1) * size)
            box.set(chunk, Result { try range.map { try transform(items[$0]) } })
        }
        return try box.results.flatMap { try $0!.get() }
    }

    /// Encodes rows for a binary COPY in parallel chunks of bytes, in row order, the first chunk
    /// the format's header and the last its trailer. `row` writes one item's fields.
    static func copyRows<T: Sendable>(_ items: [T], _ row: @Sendable (T, inout CopyBinaryRows) throws -> Void) throws -> [[UInt8]] {
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunks = min(cores * 2, max(1, items.count / 2_000))
        let size = max(1, (items.count + chunks - 1) / chunks)
        let box = Box<[UInt8]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            box.set(chunk, Result {
                let range = (chunk * size)..<min(items.count, (chunk + 1) * size)
                var buffer = CopyBinaryRows(capacity: range.count * 200)
                for index in range {
                    try row(items[index], &buffer)
                    buffer.endRow()
                }
                return buffer.bytes
            })
        }
        return [CopyBinaryRows.header] + (try box.results.map { try $0!.get() }) + [CopyBinaryRows.trailer]
    }

    /// A value threads only read, until `releaseInBackground()` drops it: its memory is then freed
    /// on another thread. Call it only once no thread reads the value any more.
    final class Held<T>: @unchecked Sendable {
        private(set) var value: T?
        init(_ value: T) { self.value = value }

        func releaseInBackground() {
            DispatchQueue.global().async { self.value = nil }
        }
    }

    final class Box<R>: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var results: [Result<R, Error>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<R, Error>) {
            lock.lock()
            results[index] = value
            lock.unlock()
        }

        /// Removes and returns a result (the box no longer holds it, so the caller's copy is unique).
        func take(_ index: Int) -> Result<R, Error>? {
            lock.lock()
            defer { lock.unlock() }
            let value = results[index]
            results[index] = nil
            return value
        }
    }
}
