import EventStore
import Foundation
import Ledger
import Market
import PostgresClient

/// Loads a portfolio's `PortfolioFacts` from the store: the ids of its condors and layers from the
/// projection (call `Projector.catchUp` first; `PortfolioPositions`), their streams and the
/// portfolio's stream from the events in one query, and the marks of its market from the
/// projection's marks. The projection rows themselves are not needed (the series folds the streams).
public struct PerformanceLoader {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The facts of `portfolio`, whose condors and layers `book` lists.
    public func facts(portfolio: String, book: ProjectionBook) throws -> PortfolioFacts {
        try facts(PortfolioPositions(portfolio: portfolio, book: book))
    }

    /// The facts of the portfolio whose condors and layers `positions` lists.
    public func facts(_ positions: PortfolioPositions) throws -> PortfolioFacts {
        let portfolio = positions.portfolio
        let condorStreams = positions.condorIDs.map(StreamName.condor)
        let layerStreams = positions.layerIDs.map(StreamName.hedge)
        let portfolioStream = StreamName.portfolio(portfolio)
        let events = try EventReader(connection: connection).read(streams: condorStreams + layerStreams + [portfolioStream])
        let byStream = Dictionary(grouping: events.map(\.event), by: \.streamID)
        return PortfolioFacts(portfolio: portfolio, condorStreams: condorStreams.compactMap { byStream[$0] },
                              layerStreams: layerStreams.compactMap { byStream[$0] }, marks: try marks(portfolio: portfolio),
                              accountSize: PortfolioFacts.accountSize(byStream[portfolioStream] ?? []))
    }

    /// The marks that value `portfolio` (`MarkChoice`): its backtest feed's when it has any, else
    /// the live feeds', in market order.
    func marks(portfolio: String) throws -> [MarketMark] {
        let store = MarkStore(connection: connection)
        let models = try store.models()
        let own = try store.decode(connection.query(
            "SELECT \(MarkStore.columns) FROM alvh_projection.marks WHERE feed = $1 ORDER BY marked_at, position",
            [MarketFeed.backtest(portfolio: portfolio)]))
        if !own.isEmpty { return models.attach(to: own) }
        return models.attach(to: try store.decode(connection.query(
            "SELECT \(MarkStore.columns) FROM alvh_projection.marks WHERE feed NOT LIKE 'bt-%' ORDER BY marked_at, position")))
    }
}
