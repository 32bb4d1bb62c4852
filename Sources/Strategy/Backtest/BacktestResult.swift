import Finance
import Foundation

/// What a backtest recorded, in counts a trader can check against the ledger.
public struct BacktestResult: Sendable, Hashable, Codable {
    public var portfolio: String
    public var policy: String
    public var feed: String
    public var firstSession: String?
    public var lastSession: String?
    /// Sessions recorded as `MarketObserved`.
    public var sessions = 0
    /// Sessions on the entry weekday (each a scheduled entry).
    public var scheduledEntries = 0
    public var condorsOpened = 0
    /// Scheduled entries with no condor, with the reason (e.g. no credit at the chosen strikes).
    public var skippedEntries: [String] = []
    public var condorsClosed: [String: Int] = [:]
    public var condorsExpired = 0
    public var rolls = 0
    public var deferrals = 0
    public var layersAdded = 0
    public var layersReduced = 0
    public var layersClosed = 0
    /// Condors still open after the last session.
    public var openAtEnd = 0
    /// Events the backtest's commands produced.
    public var eventsRecorded = 0
    /// Events appended to the store by this run (0 when re-run into the same portfolio).
    public var eventsWritten = 0
    /// Events the store already held from an earlier run.
    public var eventsAlreadyStored = 0
    /// Ids of every condor opened, in order (lowercase text).
    public var condorIDs: [String] = []

    public init(portfolio: String, policy: String, feed: String) {
        self.portfolio = portfolio
        self.policy = policy
        self.feed = feed
    }

    /// Condors closed before expiry, all reasons.
    public var closedTotal: Int { condorsClosed.values.reduce(0, +) }

    /// A few lines in the trader's words.
    public var summaryLines: [String] {
        var lines = ["backtest \(policy) into portfolio \(portfolio) (feed \(feed)): \(sessions) sessions \(firstSession ?? "-") … \(lastSession ?? "-")"]
        lines.append("condors opened \(condorsOpened) of \(scheduledEntries) scheduled entries" + (skippedEntries.isEmpty ? "" : " (\(skippedEntries.count) skipped)"))
        let reasons = condorsClosed.keys.sorted().map { "\($0) \(condorsClosed[$0]!)" }.joined(separator: ", ")
        lines.append("closed \(closedTotal)" + (reasons.isEmpty ? "" : " (\(reasons))") + ", expired \(condorsExpired), open at end \(openAtEnd)")
        lines.append("rolls \(rolls), deferrals \(deferrals), hedge layers added \(layersAdded), reduced \(layersReduced), closed \(layersClosed)")
        lines.append("events recorded \(eventsRecorded), written now \(eventsWritten), already in the ledger \(eventsAlreadyStored)")
        return lines
    }
}
