import Foundation

/// The headline figures of a review, computed as `alvh summary` computes them (dollars; rates as
/// annual fractions). Keys in `metrics` are `alvh summary --json`'s.
public struct ReviewFigures: Sendable, Hashable {
    public var condorsOpen: Int
    public var condorsClosed: Int
    public var layersOpen: Int
    public var layersClosed: Int
    /// Closed condors' realized P&L plus every layer's realized P&L.
    public var realizedPnL: Decimal
    /// Open condors and layers at their last mark.
    public var unrealizedPnL: Decimal
    public var condorFees: Decimal
    /// Share of ended condors with a positive P&L; nil with none ended.
    public var winRate: Double?
    public var decisions: Int
    /// Σ (ALVH − fixed) over whole-trade lines with figures: the headline edge. (Decision edges
    /// overlap — each runs to its condor's end — so they have no total.)
    public var tradeEdge: Decimal
    /// XIRR per portfolio and calendar year, realized and with open positions at their last mark
    /// (no whole-history portfolio XIRR: it describes only the first year or two).
    public var yearlyXIRR: [YearlyXIRR]

    public init(condorsOpen: Int, condorsClosed: Int, layersOpen: Int, layersClosed: Int, realizedPnL: Decimal, unrealizedPnL: Decimal,
                condorFees: Decimal, winRate: Double?, decisions: Int, tradeEdge: Decimal,
                yearlyXIRR: [YearlyXIRR]) {
        self.condorsOpen = condorsOpen
        self.condorsClosed = condorsClosed
        self.layersOpen = layersOpen
        self.layersClosed = layersClosed
        self.realizedPnL = realizedPnL
        self.unrealizedPnL = unrealizedPnL
        self.condorFees = condorFees
        self.winRate = winRate
        self.decisions = decisions
        self.tradeEdge = tradeEdge
        self.yearlyXIRR = yearlyXIRR
    }

    public static let empty = ReviewFigures(condorsOpen: 0, condorsClosed: 0, layersOpen: 0, layersClosed: 0, realizedPnL: 0, unrealizedPnL: 0,
                                            condorFees: 0, winRate: nil, decisions: 0, tradeEdge: 0, yearlyXIRR: [])
}
