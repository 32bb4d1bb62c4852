import Foundation
import Ledger
import Market

/// The row of `alvh_projection.condors` (see projections/0002_condors.sql for units).
public struct CondorRow: Sendable, Hashable {
    public var condorID: UUID
    public var portfolio: String
    public var underlying: Underlying
    public var status: CondorState.Status
    public var closeReason: CloseReason?
    public var strikes: IronCondorLegs
    public var contracts: Int
    public var multiplier: Decimal
    public var openedAt: Date
    public var endedAt: Date?
    public var openingCredit: Decimal
    public var cumulativeCredit: Decimal
    public var rolls: Int
    public var deferrals: Int
    public var fees: Decimal
    /// Dollars received less paid so far, fees included.
    public var cash: Decimal
    /// Final dollars P&L once closed or expired.
    public var realizedPnL: Decimal?
    public var markAt: Date?
    /// Debit per unit to close at the last mark.
    public var markValue: Decimal?
    /// Dollars: cash − markValue × multiplier × contracts.
    public var unrealizedPnL: Decimal?
    public var valuation: ValuationSource?
    /// The market model that valued the mark (its `MarketModelSet`; nil: the built-in model).
    public var modelID: UUID?
    public var lastEventAt: Date
}

/// One link of a condor's roll chain (`alvh_projection.condor_rolls`).
public struct RollRow: Sendable, Hashable {
    public var condorID: UUID
    public var seq: Int
    public var eventID: UUID
    public var rolledAt: Date
    public var side: RollSide
    public var strikes: IronCondorLegs
    /// Per unit; negative for a net debit.
    public var netCredit: Decimal
    public var cumulativeCredit: Decimal
    public var fees: Decimal
}

/// The row of `alvh_projection.hedge_layers`.
public struct HedgeLayerRow: Sendable, Hashable {
    public var layerID: UUID
    public var portfolio: String
    public var protects: [UUID]
    public var instrument: HedgeInstrument
    public var tier: Int?
    public var status: HedgeLayerState.Status
    public var quantity: Int
    public var initialQuantity: Int
    /// Dollars per unit of price (as recorded when the layer was added).
    public var multiplier: Decimal
    public var entryPrice: Decimal
    public var costBasis: Decimal
    public var realizedPnL: Decimal
    public var openedAt: Date
    public var endedAt: Date?
    public var markAt: Date?
    public var markValue: Decimal?
    public var unrealizedPnL: Decimal?
    public var valuation: ValuationSource?
    /// The market model that valued the mark (nil: the built-in model).
    public var modelID: UUID?
    public var lastEventAt: Date

    /// `vix-future`, `vix-option` or `etp`.
    public var instrumentKind: String {
        switch instrument {
        case .vixFuture: "vix-future"
        case .vixOption: "vix-option"
        case .etp: "etp"
        }
    }
}

/// A layer's share of flows allocated to one protected condor (`alvh_projection.layer_allocations`).
public struct AllocationRow: Sendable, Hashable {
    public var layerID: UUID
    public var condorID: UUID
    /// 1/n of the layer for n protected condors.
    public var share: Decimal
}

/// One dated capital-at-risk cash flow (`alvh_projection.cash_flows`). Positive: into the account.
public struct CashFlowRow: Sendable, Hashable {
    public enum OwnerKind: String, Sendable, Hashable { case condor, layer }
    public var ownerKind: OwnerKind
    public var ownerID: UUID
    public var seq: Int
    public var portfolio: String
    public var eventID: UUID
    /// New York calendar date of the event.
    public var date: CalendarDate
    /// Dollars.
    public var amount: Decimal
    /// commit, roll, close, expiry, premium, proceeds, margin.
    public var what: String
}

/// One decision fact (`alvh_projection.decisions`).
public struct DecisionRow: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case roll, close
        case deferral = "defer"
        case layerAdd = "layer-add"
        case layerReduce = "layer-reduce"
        case layerClose = "layer-close"
    }
    public var ownerID: UUID
    public var eventID: UUID
    public var condorID: UUID?
    public var portfolio: String
    public var decidedAt: Date
    public var position: Int64
    public var kind: Kind
    public var alvhChoice: String
    public var fixedSaid: String?
    /// The signals as JSON (`DecisionSignals`), when given.
    public var signals: Data?
    public var layerID: UUID?
}

/// One `MarketObserved` in `alvh_projection.marks`.
public typealias MarkRow = MarketMark

/// Every row one owner (a condor or a layer) contributes; replacing an owner replaces all of them.
public struct OwnerRows: Sendable, Hashable {
    public var condor: CondorRow?
    public var rolls: [RollRow] = []
    public var layer: HedgeLayerRow?
    public var allocations: [AllocationRow] = []
    public var flows: [CashFlowRow] = []
    public var decisions: [DecisionRow] = []

    public init() {}
}
