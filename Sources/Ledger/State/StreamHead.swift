import Foundation

/// What a command appending to the end of a stream needs of it, without its events: the version to
/// expect, the latest market time of the events that count (a new event may not be earlier) and
/// whether a market model counts on it (`MarketModelSet` not voided: a feed's first mark records the
/// default one otherwise).
public struct StreamHead: Sendable, Equatable {
    /// The stream's version (its last event's, voids included); 0 when empty.
    public var version: Int64
    /// The latest `occurredAt` among the events that count; nil when none counts.
    public var lastOccurredAt: Date?
    /// Whether a `MarketModelSet` counts on the stream.
    public var hasMarketModel: Bool

    public init(version: Int64, lastOccurredAt: Date?, hasMarketModel: Bool) {
        self.version = version
        self.lastOccurredAt = lastOccurredAt
        self.hasMarketModel = hasMarketModel
    }

    /// The head of `stream`, folded from its events.
    public init(_ stream: EffectiveStream) {
        self.init(version: stream.version, lastOccurredAt: stream.lastOccurredAt,
                  hasMarketModel: stream.effective.contains { if case .marketModelSet = $0.event { true } else { false } })
    }

    /// The head after appending `event` to a stream without corrections (no `EventVoided`).
    public mutating func advance(by event: LedgerStreamEvent) {
        version = event.version
        lastOccurredAt = max(lastOccurredAt ?? event.occurredAt, event.occurredAt)
        if case .marketModelSet = event.event { hasMarketModel = true }
    }
}
