import Foundation
import Ledger

/// The marks a portfolio's paths are valued over, in market order: its own backtest feed's
/// (`bt-<portfolio>`) when that feed has marks, else those of the feeds that are not backtests. The
/// rule of `MarkChoice`, for whole paths: a counterfactual path never jumps between markets.
public struct MarkSeries: Sendable {
    /// Marks of the feeds that are not backtests.
    public let live: [MarketMark]
    /// Each backtest feed's marks.
    public let backtests: [String: [MarketMark]]

    /// `marks` in market order (order is kept).
    public init(_ marks: [MarketMark]) {
        live = marks.filter { !MarketFeed.isBacktest($0.feed) }
        backtests = Dictionary(grouping: marks.filter { MarketFeed.isBacktest($0.feed) }, by: \.feed)
    }

    /// The marks that value `portfolio`'s positions.
    public func marks(forPortfolio portfolio: String) -> [MarketMark] {
        backtests[MarketFeed.backtest(portfolio: portfolio)] ?? live
    }
}
