import Foundation
import Ledger
import Market
import PostgresClient

/// Everything the review queries read, loaded from `alvh_projection` in one go (rows ordered, so
/// every report is deterministic).
public struct ProjectionBook: Sendable {
    public var condors: [CondorRow]
    public var rolls: [RollRow]
    public var layers: [HedgeLayerRow]
    public var allocations: [AllocationRow]
    public var flows: [CashFlowRow]
    public var decisions: [DecisionRow]
    /// The checkpoint the rows reflect.
    public var checkpoint: Int64

    public init(condors: [CondorRow], rolls: [RollRow], layers: [HedgeLayerRow], allocations: [AllocationRow],
                flows: [CashFlowRow], decisions: [DecisionRow], checkpoint: Int64) {
        self.condors = condors
        self.rolls = rolls
        self.layers = layers
        self.allocations = allocations
        self.flows = flows
        self.decisions = decisions
        self.checkpoint = checkpoint
    }

    /// The rows of the condors and layers `include(portfolio, openedAt)` keeps, with their rolls,
    /// allocations (both ends kept), cash flows and decisions.
    public func scoped(_ include: (String, Date) -> Bool) -> ProjectionBook {
        let condors = self.condors.filter { include($0.portfolio, $0.openedAt) }
        let layers = self.layers.filter { include($0.portfolio, $0.openedAt) }
        let condorIDs = Set(condors.map(\.condorID)), layerIDs = Set(layers.map(\.layerID))
        let owners = condorIDs.union(layerIDs)
        return ProjectionBook(condors: condors, rolls: rolls.filter { condorIDs.contains($0.condorID) }, layers: layers,
                              allocations: allocations.filter { condorIDs.contains($0.condorID) && layerIDs.contains($0.layerID) },
                              flows: flows.filter { owners.contains($0.ownerID) },
                              decisions: decisions.filter { owners.contains($0.ownerID) }, checkpoint: checkpoint)
    }

    /// Every portfolio that holds a condor or a layer, sorted.
    public var portfolios: [String] { Set(condors.map(\.portfolio) + layers.map(\.portfolio)).sorted() }

    /// Loads the projection rows (call `Projector.catchUp` first for fresh figures).
    public static func load(_ connection: PostgresConnection) throws -> ProjectionBook {
        let condors = try condorRows(connection)
        let rolls = try connection.query("""
            SELECT condor_id, seq, event_id, rolled_at, side, expiry::text, long_put, short_put, short_call, long_call, net_credit, cumulative_credit, fees
              FROM alvh_projection.condor_rolls ORDER BY condor_id, seq
            """).rows.map { r in
            RollRow(condorID: try r.decode(UUID.self, 0), seq: try r.decode(Int.self, 1), eventID: try r.decode(UUID.self, 2),
                    rolledAt: try r.decode(Date.self, 3), side: try enumValue(RollSide.self, r, 4), strikes: try strikes(r, expiry: 5, first: 6),
                    netCredit: try r.decode(Decimal.self, 10), cumulativeCredit: try r.decode(Decimal.self, 11), fees: try r.decode(Decimal.self, 12))
        }
        let layers = try layerRows(connection)
        let allocations = try connection.query("SELECT layer_id, condor_id, share FROM alvh_projection.layer_allocations ORDER BY layer_id, condor_id").rows.map { r in
            AllocationRow(layerID: try r.decode(UUID.self, 0), condorID: try r.decode(UUID.self, 1), share: try r.decode(Decimal.self, 2))
        }
        let flows = try connection.query("""
            SELECT owner_kind, owner_id, seq, portfolio, event_id, flow_date::text, amount, what
              FROM alvh_projection.cash_flows ORDER BY flow_date, owner_id, seq
            """).rows.map { r in
            CashFlowRow(ownerKind: try enumValue(CashFlowRow.OwnerKind.self, r, 0), ownerID: try r.decode(UUID.self, 1), seq: try r.decode(Int.self, 2),
                        portfolio: try r.decode(String.self, 3), eventID: try r.decode(UUID.self, 4),
                        date: try date(r, 5), amount: try r.decode(Decimal.self, 6), what: try r.decode(String.self, 7))
        }
        let decisions = try connection.query("""
            SELECT owner_id, event_id, condor_id, portfolio, decided_at, position, kind, alvh_choice, fixed_said, signals::text, layer_id
              FROM alvh_projection.decisions ORDER BY decided_at, position, condor_id
            """).rows.map { r in
            DecisionRow(ownerID: try r.decode(UUID.self, 0), eventID: try r.decode(UUID.self, 1), condorID: try r.decode(UUID?.self, 2),
                        portfolio: try r.decode(String.self, 3), decidedAt: try r.decode(Date.self, 4), position: try r.decode(Int64.self, 5),
                        kind: try enumValue(DecisionRow.Kind.self, r, 6), alvhChoice: try r.decode(String.self, 7),
                        fixedSaid: try r.decode(String?.self, 8), signals: try r.decode(String?.self, 9).map { Data($0.utf8) },
                        layerID: try r.decode(UUID?.self, 10))
        }
        let checkpoint = try connection.query("SELECT checkpoint FROM alvh_projection.meta WHERE id = 1").scalar(Int64.self)
        return ProjectionBook(condors: condors, rolls: rolls, layers: layers, allocations: allocations, flows: flows,
                              decisions: decisions, checkpoint: checkpoint)
    }

    /// Condor rows; `openOnly` limits them to open condors.
    static func condorRows(_ connection: PostgresConnection, openOnly: Bool = false) throws -> [CondorRow] {
        try connection.query("""
            SELECT condor_id, portfolio, underlying, status, close_reason, expiry::text, long_put, short_put, short_call, long_call,
                   contracts, multiplier, opened_at, ended_at, opening_credit, cumulative_credit, rolls, deferrals, fees, cash,
                   realized_pnl, mark_at, mark_value, unrealized_pnl, valuation, last_event_at, model_id
              FROM alvh_projection.condors \(openOnly ? "WHERE status = 'open'" : "") ORDER BY opened_at, condor_id
            """).rows.map { r in
            CondorRow(condorID: try r.decode(UUID.self, 0), portfolio: try r.decode(String.self, 1),
                      underlying: try enumValue(Underlying.self, r, 2), status: try enumValue(CondorState.Status.self, r, 3),
                      closeReason: try r.decode(String?.self, 4).flatMap(CloseReason.init(rawValue:)),
                      strikes: try strikes(r, expiry: 5, first: 6), contracts: try r.decode(Int.self, 10),
                      multiplier: try r.decode(Decimal.self, 11), openedAt: try r.decode(Date.self, 12), endedAt: try r.decode(Date?.self, 13),
                      openingCredit: try r.decode(Decimal.self, 14), cumulativeCredit: try r.decode(Decimal.self, 15),
                      rolls: try r.decode(Int.self, 16), deferrals: try r.decode(Int.self, 17), fees: try r.decode(Decimal.self, 18),
                      cash: try r.decode(Decimal.self, 19), realizedPnL: try r.decode(Decimal?.self, 20), markAt: try r.decode(Date?.self, 21),
                      markValue: try r.decode(Decimal?.self, 22), unrealizedPnL: try r.decode(Decimal?.self, 23),
                      valuation: try r.decode(String?.self, 24).flatMap(ValuationSource.init(rawValue:)), modelID: try r.decode(UUID?.self, 26),
                      lastEventAt: try r.decode(Date.self, 25))
        }
    }

    /// Hedge layer rows; `openOnly` limits them to open layers.
    static func layerRows(_ connection: PostgresConnection, openOnly: Bool = false) throws -> [HedgeLayerRow] {
        try connection.query("""
            SELECT layer_id, portfolio, protects, instrument, tier, status, quantity, initial_quantity, entry_price, cost_basis, realized_pnl,
                   opened_at, ended_at, mark_at, mark_value, unrealized_pnl, valuation, last_event_at, multiplier, model_id
              FROM alvh_projection.hedge_layers \(openOnly ? "WHERE status = 'open'" : "") ORDER BY opened_at, layer_id
            """).rows.map { r in
            HedgeLayerRow(layerID: try r.decode(UUID.self, 0), portfolio: try r.decode(String.self, 1),
                          protects: try r.decode(String.self, 2).split(separator: ",").compactMap { UUID(uuidString: String($0)) },
                          instrument: try HedgeInstrument(spec: try r.decode(String.self, 3)), tier: try r.decode(Int?.self, 4),
                          status: try enumValue(HedgeLayerState.Status.self, r, 5), quantity: try r.decode(Int.self, 6),
                          initialQuantity: try r.decode(Int.self, 7), multiplier: try r.decode(Decimal.self, 18), entryPrice: try r.decode(Decimal.self, 8), costBasis: try r.decode(Decimal.self, 9),
                          realizedPnL: try r.decode(Decimal.self, 10), openedAt: try r.decode(Date.self, 11), endedAt: try r.decode(Date?.self, 12),
                          markAt: try r.decode(Date?.self, 13), markValue: try r.decode(Decimal?.self, 14), unrealizedPnL: try r.decode(Decimal?.self, 15),
                          valuation: try r.decode(String?.self, 16).flatMap(ValuationSource.init(rawValue:)), modelID: try r.decode(UUID?.self, 19),
                          lastEventAt: try r.decode(Date.self, 17))
        }
    }

    private static func enumValue<E: RawRepresentable>(_ type: E.Type, _ row: PostgresRow, _ column: Int) throws -> E where E.RawValue == String {
        let text = try row.decode(String.self, column)
        guard let value = E(rawValue: text) else {
            throw PostgresError(kind: .decodingFailed, message: "unexpected value '\(text)' in projection column \(column)")
        }
        return value
    }

    private static func date(_ row: PostgresRow, _ column: Int) throws -> CalendarDate {
        let text = try row.decode(String.self, column)
        guard let date = CalendarDate(iso: text) else { throw PostgresError(kind: .decodingFailed, message: "bad date '\(text)'") }
        return date
    }

    private static func strikes(_ row: PostgresRow, expiry: Int, first: Int) throws -> IronCondorLegs {
        try IronCondorLegs(expiry: try date(row, expiry), longPut: try row.decode(Decimal.self, first), shortPut: try row.decode(Decimal.self, first + 1),
                           shortCall: try row.decode(Decimal.self, first + 2), longCall: try row.decode(Decimal.self, first + 3))
    }
}
