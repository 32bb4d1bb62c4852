import Foundation
import Ledger
import Market
import PostgresClient

/// Reads marks back from `alvh_projection.marks`, each with the market model its feed had in force
/// at its instant (from `alvh_projection.market_models`).
public struct MarkStore {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    static let columns = "event_id, position, feed, marked_at, spx, vix, vix9d, vix3m, futures::text, quotes::text"

    /// Each feed's latest mark (by market time, then global position), in feed order. A skip scan
    /// over the (feed, time, position) index: one index probe per feed, however many marks.
    public func latestPerFeed() throws -> [MarketMark] {
        try models().attach(to: decode(connection.query("""
            WITH RECURSIVE feeds (feed) AS (
                (SELECT feed FROM alvh_projection.marks ORDER BY feed LIMIT 1)
                UNION ALL
                SELECT (SELECT m.feed FROM alvh_projection.marks m WHERE m.feed > f.feed ORDER BY m.feed LIMIT 1)
                  FROM feeds f WHERE f.feed IS NOT NULL
            )
            SELECT latest.* FROM feeds f
             CROSS JOIN LATERAL (SELECT \(MarkStore.columns) FROM alvh_projection.marks m WHERE m.feed = f.feed
                                  ORDER BY m.marked_at DESC, m.position DESC LIMIT 1) AS latest
             ORDER BY latest.feed
            """)))
    }

    /// Marks with `from ≤ time ≤ to`, in market order.
    public func marks(from: Date, to: Date) throws -> [MarketMark] {
        try models().attach(to: decode(connection.query(
            "SELECT \(MarkStore.columns) FROM alvh_projection.marks WHERE marked_at >= $1 AND marked_at <= $2 ORDER BY marked_at, position",
            [from, to])))
    }

    /// Every recorded market model that counts.
    public func models() throws -> MarketModels {
        let rows = try connection.query("SELECT event_id, feed, effective_at, parameters::text FROM alvh_projection.market_models ORDER BY position")
        return MarketModels(try rows.rows.map { row in
            let parameters = try LedgerJSON.decode(MarketModelParameters.self, from: Data(try row.decode(String.self, 3).utf8))
            return try MarketModel(parameters: parameters, eventID: try row.decode(UUID.self, 0), feed: try row.decode(String.self, 1),
                                   effectiveFrom: try row.decode(Date.self, 2))
        })
    }

    func decode(_ result: PostgresResult) throws -> [MarketMark] {
        try result.rows.map { row in
            let futures = try row.decode(String.self, 8), quotes = try row.decode(String.self, 9)
            let observed = MarketObserved(
                feed: try row.decode(String.self, 2), spx: try row.decode(Decimal.self, 4), vix: try row.decode(Decimal.self, 5),
                vix9d: try row.decode(Decimal?.self, 6), vix3m: try row.decode(Decimal?.self, 7),
                futures: futures == "[]" ? [] : try LedgerJSON.decode([FuturesQuote].self, from: Data(futures.utf8)),
                quotes: quotes == "[]" ? [] : try LedgerJSON.decode([OptionQuote].self, from: Data(quotes.utf8)))
            return MarketMark(eventID: try row.decode(UUID.self, 0), position: try row.decode(Int64.self, 1),
                              at: try row.decode(Date.self, 3), observed: observed)
        }
    }
}
