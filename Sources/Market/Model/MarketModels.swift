import Foundation
import Ledger

/// Every feed's recorded market models in the order they took effect, and which one values a mark:
/// the latest `MarketModelSet` of the mark's feed at or before its instant (one at the same instant
/// counts), else `MarketModel.unrecorded`.
public struct MarketModels: Sendable, Hashable {
    private var byFeed: [String: [MarketModel]] = [:]

    /// `models` in ledger order (global position); each must carry its feed and effective instant.
    public init(_ models: [MarketModel] = []) {
        for model in models { add(model) }
    }

    /// Adds a model recorded after every one added so far.
    public mutating func add(_ model: MarketModel) {
        guard let feed = model.feed, let from = model.effectiveFrom else { return }
        var list = byFeed[feed] ?? []
        // Market time decides; among equal instants the later recorded wins.
        let index = list.lastIndex { ($0.effectiveFrom ?? .distantPast) <= from }.map { $0 + 1 } ?? 0
        list.insert(model, at: index)
        byFeed[feed] = list
    }

    /// Every model, feed by feed, in effective order.
    public var all: [MarketModel] { byFeed.keys.sorted().flatMap { byFeed[$0]! } }

    public var isEmpty: Bool { byFeed.isEmpty }

    /// The model of `feed` in force at `instant`.
    public func model(feed: String, at instant: Date) -> MarketModel {
        guard let list = byFeed[feed] else { return .unrecorded }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if (list[middle].effectiveFrom ?? .distantPast) <= instant { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? .unrecorded : list[low - 1]
    }

    /// `marks` with the model in force at each one.
    public func attach(to marks: [MarketMark]) -> [MarketMark] {
        marks.map { mark in
            var mark = mark
            mark.model = model(feed: mark.feed, at: mark.at)
            return mark
        }
    }

    /// The recorded models of a stream's events that count (`MarketModelSet`), in stream order.
    /// - Throws: `LedgerValidationError` for a recorded model this build cannot use.
    public static func recorded(in events: [LedgerStreamEvent]) throws -> [MarketModel] {
        try events.compactMap { item in
            guard case .marketModelSet(let set) = item.event else { return nil }
            return try MarketModel(recorded: set, eventID: item.eventID, at: item.occurredAt)
        }
    }
}
