import Foundation
import PostgresClient

/// The ids of one portfolio's condors and hedge layers, as the projection lists them: all
/// `PerformanceLoader` needs to find their streams, without loading the projection rows.
public struct PortfolioPositions: Sendable {
    public var portfolio: String
    /// In opening order.
    public var condorIDs: [UUID]
    public var layerIDs: [UUID]

    public init(portfolio: String, condorIDs: [UUID], layerIDs: [UUID]) {
        self.portfolio = portfolio
        self.condorIDs = condorIDs
        self.layerIDs = layerIDs
    }

    /// From a loaded book.
    public init(portfolio: String, book: ProjectionBook) {
        self.init(portfolio: portfolio, condorIDs: book.condors.filter { $0.portfolio == portfolio }.map(\.condorID),
                  layerIDs: book.layers.filter { $0.portfolio == portfolio }.map(\.layerID))
    }

    /// Every portfolio holding a condor or a layer, sorted by name. Two narrow queries (call
    /// `Projector.catchUp` first).
    public static func load(_ connection: PostgresConnection) throws -> [PortfolioPositions] {
        func ids(_ table: String, _ column: String) throws -> [(String, UUID)] {
            let result = try connection.query("SELECT portfolio, \(column) FROM alvh_projection.\(table) ORDER BY opened_at, \(column)")
            return try result.rows.map { (try $0.decode(String.self, 0), try $0.decode(UUID.self, 1)) }
        }
        let condors = Dictionary(grouping: try ids("condors", "condor_id"), by: \.0)
        let layers = Dictionary(grouping: try ids("hedge_layers", "layer_id"), by: \.0)
        return Set(condors.keys).union(layers.keys).sorted().map { name in
            PortfolioPositions(portfolio: name, condorIDs: (condors[name] ?? []).map(\.1), layerIDs: (layers[name] ?? []).map(\.1))
        }
    }
}
