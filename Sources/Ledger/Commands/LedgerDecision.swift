import EventStore
import Foundation

/// What a command decided to record: the appends (one or more streams, committed together) and
/// the ids the user will want back.
public struct LedgerDecision: Sendable, Equatable {
    public var appends: [StreamAppend]
    /// The condor created or acted on, if any.
    public var condorID: UUID?
    /// The hedge layer created or acted on, if any.
    public var layerID: UUID?
    /// One line in the trader's words, e.g. `opened condor … SPX 2026-03-20 4900/4950/5300/5350 ×2 for 10.25`.
    public var summary: String

    public init(appends: [StreamAppend], condorID: UUID? = nil, layerID: UUID? = nil, summary: String) {
        self.appends = appends
        self.condorID = condorID
        self.layerID = layerID
        self.summary = summary
    }

    /// Every event id, in append order.
    public var eventIDs: [UUID] { appends.flatMap { $0.events.map(\.eventID) } }
}
