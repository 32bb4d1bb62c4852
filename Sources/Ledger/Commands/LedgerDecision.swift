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

    public init(appends: [StreamAppend], condorID: UUID? = nil, layerID: UUID? = nil) {
        self.appends = appends
        self.condorID = condorID
        self.layerID = layerID
    }

    /// One line per event in the trader's words (see `EventSummary`).
    public var lines: [String] {
        appends.flatMap(\.events).compactMap { event in (try? LedgerEvent(new: event)).map(EventSummary.line) }
    }

    /// Every event id, in append order.
    public var eventIDs: [UUID] { appends.flatMap { $0.events.map(\.eventID) } }
}
