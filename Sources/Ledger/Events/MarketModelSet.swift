import Foundation

/// The market model a feed's marks are valued with, from this event's instant on (ties included: a
/// mark at the same instant uses it), until the next `MarketModelSet` of the feed. Stream
/// `market-<feed>`, schema version 1; every parameter is in the payload (`MarketModelParameters`),
/// so a replay values exactly as when it was recorded, whatever the code's defaults are by then.
///
/// Recorded by `alvh market model --feed NAME …` (a change), by a feed's first `alvh mark` (the
/// documented defaults, `MarketModelParameters.standard`) and by `alvh backtest` as the first event
/// of its feed. A feed that has none (ledgers written before models were recorded) is valued with
/// `MarketModelParameters.unrecorded`.
public struct MarketModelSet: LedgerEventPayload {
    public static let eventType = "MarketModelSet"

    public var feed: String
    public var model: MarketModelParameters
    /// Why, verbatim (optional).
    public var note: String?

    public init(feed: String, model: MarketModelParameters, note: String? = nil) {
        self.feed = feed
        self.model = model
        self.note = note
    }
}
