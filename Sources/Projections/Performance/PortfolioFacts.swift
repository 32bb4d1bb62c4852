import Foundation
import Ledger
import Market

/// What a portfolio's performance series is computed from: its condor and hedge-layer streams,
/// the marks of its market (market order) and its declared account size. Built from events in
/// memory (an `InMemoryLedger`, a backtest) or loaded from the store (`PerformanceLoader`).
public struct PortfolioFacts: Sendable {
    public var portfolio: String
    /// Each condor's stream (all its events, voids included, in stream order).
    public var condorStreams: [[LedgerStreamEvent]]
    public var layerStreams: [[LedgerStreamEvent]]
    /// The marks that value this portfolio (`MarkChoice.marks(forPortfolio:)`), in market order.
    public var marks: [MarketMark]
    /// Dollars; nil when none was declared.
    public var accountSize: Decimal?

    public init(portfolio: String, condorStreams: [[LedgerStreamEvent]], layerStreams: [[LedgerStreamEvent]], marks: [MarketMark],
                accountSize: Decimal?) {
        self.portfolio = portfolio
        self.condorStreams = condorStreams
        self.layerStreams = layerStreams
        self.marks = marks
        self.accountSize = accountSize
    }

    /// From a ledger's events in global order (`InMemoryLedger.appended`): the streams of
    /// `portfolio`'s condors and layers, the non-voided marks of its market with the market model
    /// their feed had in force (`MarketModelSet`), its latest account size.
    /// - Throws: `LedgerValidationError` for a recorded market model this build cannot use.
    public init(events: [LedgerStreamEvent], portfolio: String) throws {
        var streams: [String: [LedgerStreamEvent]] = [:]
        var order: [String] = []
        var markItems: [(Int64, LedgerStreamEvent)] = []
        var modelItems: [LedgerStreamEvent] = []
        for (offset, item) in events.enumerated() {
            if streams[item.streamID] == nil { order.append(item.streamID) }
            streams[item.streamID, default: []].append(item)
            if case .marketObserved = item.event { markItems.append((Int64(offset + 1), item)) }
            if case .marketModelSet = item.event { modelItems.append(item) }
        }
        var condors: [[LedgerStreamEvent]] = [], layers: [[LedgerStreamEvent]] = []
        var voided = Set<UUID>()
        for stream in order {
            let items = streams[stream]!
            for item in items { if case .eventVoided(let void) = item.event { voided.insert(void.voidedEventID) } }
            guard let first = EffectiveStream(items).effective.first else { continue }
            switch first.event {
            case .condorOpened(let opened) where opened.portfolio == portfolio: condors.append(items)
            case .hedgeLayerAdded(let added) where added.portfolio == portfolio: layers.append(items)
            default: break
            }
        }
        let marks = markItems.compactMap { position, item -> MarketMark? in
            guard case .marketObserved(let observed) = item.event, !voided.contains(item.eventID) else { return nil }
            return MarketMark(eventID: item.eventID, position: position, at: item.occurredAt, observed: observed)
        }.sorted(by: MarketMark.isBefore)
        let models = MarketModels(try MarketModels.recorded(in: modelItems.filter { !voided.contains($0.eventID) }))
        self.init(portfolio: portfolio, condorStreams: condors, layerStreams: layers,
                  marks: models.attach(to: MarkChoice(marks: marks).marks(forPortfolio: portfolio)),
                  accountSize: Self.accountSize(streams[StreamName.portfolio(portfolio)] ?? []))
    }

    /// The latest account size declared on a portfolio stream that still counts.
    public static func accountSize(_ stream: [LedgerStreamEvent]) -> Decimal? {
        EffectiveStream(stream).effective.reversed().lazy.compactMap { item -> Decimal? in
            if case .portfolioCapitalSet(let set) = item.event { return set.capital }
            return nil
        }.first
    }
}
