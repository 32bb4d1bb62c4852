import Foundation

/// Everything the HTML report shows, already computed from the projections (see `ReportBuilder`).
/// Pure data: `ReportPage.html(_:)` turns it into the page.
public struct ReportData: Sendable, Hashable {
    /// When the report was made.
    public var generatedAt: Date
    /// The projections' checkpoint (global position of the last event folded).
    public var checkpoint: Int64
    public var scope: ReportScope
    /// The fixed rule compared with, in words (`take-profit 0.5, stop 2, …`).
    public var fixedRule: String
    /// What the figures assume: one line per market model that valued them (its label and
    /// assumptions), fills and fees included on both paths.
    public var assumptions: [String]
    public var figures: ReviewFigures
    public var pnlPath: PnLPath
    /// Decision and whole-trade lines, in the decision report's order.
    public var decisions: [DecisionEntry]
    public var layers: [HedgeLayerOutcome]
    public var months: [MonthlyIRR]
    /// The feed the volatility chart is drawn from, when marks exist.
    public var volatilityFeed: String?
    public var volatility: [VolatilityPoint]
    public var openPositions: [OpenPosition]

    public init(generatedAt: Date, checkpoint: Int64, scope: ReportScope, fixedRule: String, assumptions: [String] = [], figures: ReviewFigures, pnlPath: PnLPath,
                decisions: [DecisionEntry], layers: [HedgeLayerOutcome], months: [MonthlyIRR], volatilityFeed: String?,
                volatility: [VolatilityPoint], openPositions: [OpenPosition]) {
        self.generatedAt = generatedAt
        self.checkpoint = checkpoint
        self.scope = scope
        self.fixedRule = fixedRule
        self.assumptions = assumptions
        self.figures = figures
        self.pnlPath = pnlPath
        self.decisions = decisions
        self.layers = layers
        self.months = months
        self.volatilityFeed = volatilityFeed
        self.volatility = volatility
        self.openPositions = openPositions
    }

    /// No trade recorded in scope: no condor and no hedge layer (marks alone are market data).
    public var isEmpty: Bool {
        figures.condorsOpen + figures.condorsClosed == 0 && pnlPath.trades.isEmpty && decisions.isEmpty && layers.isEmpty && openPositions.isEmpty
    }

    /// Decision lines with both figures (the bars of the edge chart).
    public var edges: [DecisionEntry] { decisions.filter { !$0.isTrade && $0.edge != nil } }
}
