import Foundation

/// `alvh market model --feed NAME …` (and a backtest's first event): record the market model of a
/// feed, effective from `at` (default now). Parameters are validated by the decider.
public struct SetMarketModel: Sendable, Hashable {
    public var feed: String
    public var at: Date?
    public var model: MarketModelParameters
    public var note: String?

    public init(feed: String, at: Date? = nil, model: MarketModelParameters, note: String? = nil) {
        self.feed = feed
        self.at = at
        self.model = model
        self.note = note
    }
}
