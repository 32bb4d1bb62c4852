import Foundation
import Ledger
import Market

/// Which marks value a portfolio's positions: those of its own backtest feed (`bt-<portfolio>`)
/// when that feed has marks, else those of the feeds that are not backtests. So a backtest's marks
/// never value another portfolio's positions or paths, and live positions are valued at live marks
/// whatever backtests share the ledger. "Latest" is by market time, then global position
/// (`MarketMark.isBefore`).
public struct MarkChoice: Sendable {
    /// Marks of the feeds that are not backtests, in the order given.
    public let live: [MarketMark]
    /// Each backtest feed's marks, in the order given.
    public let backtests: [String: [MarketMark]]
    /// The latest mark of each feed.
    public let latestByFeed: [String: MarketMark]
    /// The latest mark of the feeds that are not backtests.
    public let latestLive: MarketMark?

    /// From any marks: every mark (in market order when paths are read with `marks(forPortfolio:)`),
    /// or just each feed's latest.
    public init<S: Sequence>(marks: S) where S.Element == MarketMark {
        var live: [MarketMark] = []
        var backtests: [String: [MarketMark]] = [:]
        var latest: [String: MarketMark] = [:]
        for mark in marks {
            if MarketFeed.isBacktest(mark.feed) { backtests[mark.feed, default: []].append(mark) } else { live.append(mark) }
            if latest[mark.feed].map({ MarketMark.isBefore($0, mark) }) ?? true { latest[mark.feed] = mark }
        }
        self.live = live
        self.backtests = backtests
        latestByFeed = latest
        latestLive = latest.values.filter { !MarketFeed.isBacktest($0.feed) }.max { MarketMark.isBefore($0, $1) }
    }

    /// The marks that value `portfolio`'s positions and paths (a condor never mixes markets).
    public func marks(forPortfolio portfolio: String) -> [MarketMark] {
        backtests[MarketFeed.backtest(portfolio: portfolio)] ?? live
    }

    /// The mark that values `portfolio`'s open positions: the latest of `marks(forPortfolio:)`.
    public func mark(forPortfolio portfolio: String) -> MarketMark? {
        latestByFeed[MarketFeed.backtest(portfolio: portfolio)] ?? latestLive
    }

    /// Whether both choose the same mark, valued with the same model, for every portfolio.
    public func choosesAsSame(_ other: MarkChoice) -> Bool {
        latestByFeed.mapValues { [$0.eventID.uuidString, $0.model.id] } == other.latestByFeed.mapValues { [$0.eventID.uuidString, $0.model.id] }
    }
}
