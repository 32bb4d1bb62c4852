import Foundation
import Ledger
import PostgresClient

/// Reads marks back from `alvh_projection.marks`.
public struct MarkStore {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    static let columns = "event_id, position, feed, marked_at, spx, vix, vix3m, futures::text, quotes::text"

    /// Each feed's latest mark (by market time, then global position), in feed order. A skip scan
    /// over the (feed, time, position) index: one index probe per feed, however many marks.
    public func latestPerFeed() throws -> [MarketMark] {
        try decode(connection.query("""
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
            """))
    }

    /// Marks with `from ≤ time ≤ to`, in market order.
    public func marks(from: Date, to: Date) throws -> [MarketMark] {
        try decode(connection.query("SELECT \(MarkStore.columns) FROM alvh_projection.marks WHERE marked_at >= $1 AND marked_at <= $2 ORDER BY marked_at, position",
                                    [from, to]))
    }

    func decode(_ result: PostgresResult) throws -> [MarketMark] {
        try result.rows.map { row in
            let observed = MarketObserved(
                feed: try row.decode(String.self, 2), spx: try row.decode(Decimal.self, 4), vix: try row.decode(Decimal.self, 5),
                vix3m: try row.decode(Decimal?.self, 6),
                futures: try LedgerJSON.decode([FuturesQuote].self, from: Data(try row.decode(String.self, 7).utf8)),
                quotes: try LedgerJSON.decode([OptionQuote].self, from: Data(try row.decode(String.self, 8).utf8)))
            return MarketMark(eventID: try row.decode(UUID.self, 0), position: try row.decode(Int64.self, 1),
                              at: try row.decode(Date.self, 3), observed: observed)
        }
    }
}
