import Foundation

/// A bounded first-in first-out hand-off from one producing thread to one consuming thread: the
/// producer blocks while `depth` items wait, the consumer blocks until an item or the end arrives.
/// Either side can stop the other: `cancel()` makes further `put`s return false.
final class HandOff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Result<Item, Error>] = []
    private var finished = false
    private var cancelled = false
    let depth: Int

    init(depth: Int) { self.depth = max(1, depth) }

    /// Queues an item (or the producer's error); false when the consumer cancelled.
    @discardableResult
    func put(_ item: Result<Item, Error>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= depth && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// No more items will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item in order, or nil once the producer finished and every item was taken.
    func take() -> Result<Item, Error>? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The consumer stops: waiting and further `put`s return false, queued items are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
