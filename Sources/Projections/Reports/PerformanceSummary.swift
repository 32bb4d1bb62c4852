import Foundation

/// The headline figures of a book: what `alvh summary` prints and the HTML report shows, computed
/// once for both. Money in dollars (gains positive).
public struct PerformanceSummary {
    public var condorsOpen: Int
    /// Condors that ended: closed, expired or rolled into nothing further.
    public var condorsEnded: Int
    public var layersOpen: Int
    public var layersClosed: Int
    /// Ended condors' realized P&L plus every hedge layer's realized P&L.
    public var realizedPnL: Decimal
    /// Open condors and open layers valued at their last mark.
    public var unrealizedPnL: Decimal
    /// Every condor's fees (opens, rolls, closes).
    public var condorFees: Decimal
    /// Ended condors with a realized P&L above zero.
    public var wins: Int
    /// Ended condors per close reason (`take-profit`, `stop`, …; `unknown` when none was recorded).
    public var closeReasons: [String: Int]
    /// The ended condors with the highest and the lowest realized P&L.
    public var best: CondorRow?
    public var worst: CondorRow?
    /// Realized XIRR per portfolio and calendar year (`alvh irr --by year`), and with open
    /// positions at their last mark. No whole-history portfolio XIRR: see `IRRGrouping`.
    public var realizedIRRByYear: [IRRLine]
    public var totalIRRByYear: [IRRLine]

    /// Share of ended condors that won; nil when none ended.
    public var winRate: Double? { condorsEnded == 0 ? nil : Double(wins) / Double(condorsEnded) }

    public init(book: ProjectionBook) {
        let ended = book.condors.filter { $0.status != .open }
        let open = book.condors.filter { $0.status == .open }
        let openLayers = book.layers.filter { $0.status == .open }
        condorsOpen = open.count
        condorsEnded = ended.count
        layersOpen = openLayers.count
        layersClosed = book.layers.filter { $0.status == .closed }.count
        realizedPnL = ended.reduce(Decimal(0)) { $0 + ($1.realizedPnL ?? 0) } + book.layers.reduce(Decimal(0)) { $0 + $1.realizedPnL }
        unrealizedPnL = open.reduce(Decimal(0)) { $0 + ($1.unrealizedPnL ?? 0) } + openLayers.reduce(Decimal(0)) { $0 + ($1.unrealizedPnL ?? 0) }
        condorFees = book.condors.reduce(Decimal(0)) { $0 + $1.fees }
        wins = ended.filter { ($0.realizedPnL ?? 0) > 0 }.count
        closeReasons = ended.reduce(into: [:]) { $0[$1.closeReason?.rawValue ?? "unknown", default: 0] += 1 }
        best = ended.max { ($0.realizedPnL ?? 0) < ($1.realizedPnL ?? 0) }
        worst = ended.min { ($0.realizedPnL ?? 0) < ($1.realizedPnL ?? 0) }
        realizedIRRByYear = IRRReport(book: book).lines(by: .year)
        totalIRRByYear = IRRReport(book: book, unrealized: true).lines(by: .year)
    }
}
