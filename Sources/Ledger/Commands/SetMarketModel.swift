import Foundation

/// `alvh market model --feed NAME …` (and a backtest's first event): record the market model of a
/// feed, effective from `at` (default now). `validate()` checks its fields; the decider that `at`
/// is not before the feed's last event (`alvh market model` also requires the feed to have marks).
public struct SetMarketModel: Sendable, Hashable {
    public static let name = "market model"

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

extension SetMarketModel {
    /// The feed's name, every parameter's range and the note, by their fields' rules.
    public func validate() throws {
        _ = try Field.feed.parse(feed)
        try model.validate()
        _ = try note.map(Field.note.parse)
    }
}
