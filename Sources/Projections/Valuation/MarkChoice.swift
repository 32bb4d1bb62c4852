import Foundation
import Ledger

/// Which mark values an open position of a portfolio: the latest mark of the portfolio's own
/// backtest feed (`bt-<portfolio>`) when that feed has marks, else the latest mark of the feeds
/// that are not backtests, else none. So a backtest's marks never value another portfolio's
/// positions, and live positions are valued at live marks whatever backtests share the ledger.
/// "Latest" is by market time, then global position (`MarketMark.isBefore`).
public struct MarkChoice: Sendable {
    /// The latest mark of each feed.
    public let latestByFeed: [String: MarketMark]
    /// The latest mark of the feeds that are not backtests.
    public let latestLive: MarketMark?

    /// From any marks (every mark, or each feed's latest).
    public init<S: Sequence>(marks: S) where S.Element == MarketMark {
        var latest: [String: MarketMark] = [:]
        for mark in marks where latest[mark.feed].map({ MarketMark.isBefore($0, mark) }) ?? true {
            latest[mark.feed] = mark
        }
        latestByFeed = latest
        latestLive = latest.values.filter { !MarketFeed.isBacktest($0.feed) }.max { MarketMark.isBefore($0, $1) }
    }

    /// The mark that values `portfolio`'s open positions.
    public func mark(forPortfolio portfolio: String) -> MarketMark? {
        latestByFeed[MarketFeed.backtest(portfolio: portfolio)] ?? latestLive
    }

    /// Whether both choose the same mark for every portfolio (the same latest mark per feed).
    public func choosesAsSame(_ other: MarkChoice) -> Bool {
        latestByFeed.mapValues(\.eventID) == other.latestByFeed.mapValues(\.eventID)
    }
}
