import Foundation
import PostgresClient

/// Follows the ledger from a checkpoint: returns every event exactly once, in global order.
///
/// It LISTENs on `alvh_events` (NOTIFY only wakes it up; it never trusts the payload), falls back to
/// polling every `pollInterval` seconds, and after a lost connection reconnects and re-reads from its
/// checkpoint. Sound because positions are gapless and become visible in commit order (the append
/// holds the ledger-head lock until it commits), so nothing can appear later behind the checkpoint.
/// Not thread-safe: one subscription per thread.
public final class EventSubscription {
    /// The NOTIFY channel appends signal on.
    public static let channel = "alvh_events"

    public let connectionString: String
    /// The position of the last event returned; the next call returns events after it.
    public private(set) var checkpoint: Int64
    public let batchSize: Int
    public let pollInterval: Double
    /// How many times the session was re-established.
    public private(set) var reconnects = 0
    private var store: EventStore?
    private var hadSession = false

    public init(connectionString: String, after checkpoint: Int64 = 0, batchSize: Int = 1000, pollInterval: Double = 1.0) {
        self.connectionString = connectionString
        self.checkpoint = checkpoint
        self.batchSize = max(1, batchSize)
        self.pollInterval = pollInterval
    }

    /// Up to `batchSize` events after the checkpoint, waiting up to `timeout` seconds for some to
    /// be committed; empty when none came. Connection failures are retried within the timeout and
    /// thrown only when the timeout passes without a session.
    public func next(timeout: Double) throws -> [RecordedEvent] {
        let deadline = Date().addingTimeInterval(timeout)
        var backoff = 0.05
        while true {
            do {
                let store = try session()
                let events = try store.readAll(after: checkpoint, limit: batchSize)
                if let last = events.last {
                    for (offset, event) in events.enumerated() where event.globalPosition != checkpoint + Int64(offset) + 1 {
                        throw EventStoreError.invalidArgument("ledger gap: expected position \(checkpoint + Int64(offset) + 1), read \(event.globalPosition)")
                    }
                    checkpoint = last.globalPosition
                    return events
                }
                let remaining = deadline.timeIntervalSinceNow
                if remaining <= 0 { return [] }
                // Drain every queued notification, then re-read (a NOTIFY is only a wake-up).
                _ = try store.connection.waitForNotification(timeout: min(remaining, pollInterval))
                while try store.connection.waitForNotification(timeout: 0) != nil {}
            } catch let error as PostgresError where error.isConnectionFailure {
                store?.connection.close()
                store = nil
                if deadline.timeIntervalSinceNow <= 0 { throw error }
                Thread.sleep(forTimeInterval: min(backoff, max(0, deadline.timeIntervalSinceNow)))
                backoff = min(backoff * 2, 1.0)
            }
        }
    }

    /// Ends the session (a later `next` reconnects).
    public func close() {
        store?.connection.close()
        store = nil
    }

    private func session() throws -> EventStore {
        if let store, store.connection.isConnected { return store }
        store?.connection.close()
        store = nil
        let fresh = try EventStore.connect(connectionString)
        if hadSession { reconnects += 1 }
        hadSession = true
        // LISTEN before reading, so a commit between the read and the wait still wakes us.
        try fresh.connection.listen(EventSubscription.channel)
        store = fresh
        return fresh
    }
}
