import Finance
import Foundation
import Ledger
import Market
import Projections

/// Turns loaded projection facts into `ReportData` (pure: no database).
///
/// The figures follow `alvh summary`, `alvh decisions`, `alvh irr --by month|year` and `alvh hedges`
/// over the condors and layers in scope, so the page and those commands agree.
public struct ReportBuilder {
    public var scope: ReportScope
    public var rule: FixedRule
    /// The market feed to chart when it has marks in scope (e.g. a backtest's `bt-…` feed for the
    /// portfolio); otherwise the feed the positions traded on is inferred.
    public var preferredFeed: String?

    public init(scope: ReportScope = .all, rule: FixedRule, preferredFeed: String? = nil) {
        self.scope = scope
        self.rule = rule
        self.preferredFeed = preferredFeed
    }

    /// - Parameters:
    ///   - book: the whole projection.
    ///   - decisionLines: `DecisionReport.lines` for the whole ledger with `rule` (lines of condors
    ///     out of scope are dropped here).
    ///   - marks: recorded marks in market order, with their models.
    ///   - models: the models the decision report used (their assumptions are printed once).
    public func build(book: ProjectionBook, decisionLines: [DecisionLine], marks: [MarketMark], models: [MarketModel] = [],
                      generatedAt: Date = Date()) -> ReportData {
        let scoped = scopedBook(book)
        let condorIDs = Set(scoped.condors.map(\.condorID))
        let lines = decisionLines.filter { condorIDs.contains($0.condorID) }
        let entries = lines.map { line in
            DecisionEntry(condorID: line.condorID, date: line.decidedAt.map { CalendarDate(newYorkDateOf: $0) }, kind: line.kind,
                          alvhChoice: line.alvhChoice, fixedChoice: line.fixedChoice, fixedExit: line.fixedExit,
                          alvhPnL: line.alvhPnL, fixedPnL: line.fixedPnL,
                          valuation: "\(line.alvhValuation)/\(line.fixedValuation)", note: line.note)
        }
        let scopedMarks = marks.filter { scope.contains(date: CalendarDate(newYorkDateOf: $0.at)) }
        let feed = volatilityFeed(scopedMarks, trading: Set(scoped.condors.map(\.openedAt) + scoped.layers.map(\.openedAt)))
        return ReportData(
            generatedAt: generatedAt, checkpoint: book.checkpoint, scope: scope, fixedRule: rule.description,
            assumptions: Self.assumptions(models, used: Set(lines.flatMap(\.models))),
            figures: figures(scoped, entries),
            pnlPath: pnlPath(scoped, entries),
            decisions: entries,
            layers: scoped.layers.map(layerOutcome(scoped)),
            months: IRRReport(book: scoped).periodLines(by: .month, pooled: true).map { line in
                MonthlyIRR(month: line.key, rate: line.outcome.rate, noRate: line.outcome.rate == nil ? "\(line.outcome)" : nil,
                           pnl: line.pnl, invested: line.invested)
            },
            volatilityFeed: feed,
            volatility: scopedMarks.filter { $0.feed == feed }.map {
                VolatilityPoint(date: CalendarDate(newYorkDateOf: $0.at), vix: $0.vix, vix3m: $0.vix3m)
            },
            openPositions: scoped.condors.filter { $0.status == .open }.map { openPosition($0, marks: marks) })
    }

    /// The book restricted to the condors and layers in scope (and their rolls, allocations, flows
    /// and decisions).
    public func scopedBook(_ book: ProjectionBook) -> ProjectionBook {
        book.scoped { scope.contains(portfolio: $0, openedAt: $1) }
    }

    /// As `alvh summary` computes them.
    func figures(_ book: ProjectionBook, _ entries: [DecisionEntry]) -> ReviewFigures {
        let summary = PerformanceSummary(book: book)
        let decisions = entries.filter { !$0.isTrade }
        let trades = entries.filter(\.isTrade)
        let yearly = summary.totalIRRByYear.map { total in
            let realized = summary.realizedIRRByYear.first { $0.portfolio == total.portfolio && $0.key == total.key }
            return YearlyXIRR(portfolio: total.portfolio ?? "", year: total.key, realizedPnL: realized?.pnl, realized: realized?.outcome.rate,
                              totalPnL: total.pnl, total: total.outcome.rate)
        }
        return ReviewFigures(
            condorsOpen: summary.condorsOpen, condorsClosed: summary.condorsEnded, layersOpen: summary.layersOpen, layersClosed: summary.layersClosed,
            realizedPnL: summary.realizedPnL, unrealizedPnL: summary.unrealizedPnL, condorFees: summary.condorFees,
            winRate: summary.winRate,
            decisions: decisions.count,
            tradeEdge: trades.compactMap(\.edge).reduce(0, +),
            yearlyXIRR: yearly)
    }

    /// Whole-trade lines with figures, dated by the condor's end (or last mark, or opening).
    func pnlPath(_ book: ProjectionBook, _ entries: [DecisionEntry]) -> PnLPath {
        let condors = Dictionary(uniqueKeysWithValues: book.condors.map { ($0.condorID, $0) })
        let trades = entries.compactMap { entry -> TradeOutcome? in
            guard entry.isTrade, let alvh = entry.alvhPnL, let fixed = entry.fixedPnL, let condor = condors[entry.condorID] else { return nil }
            let day = condor.endedAt ?? condor.markAt ?? condor.openedAt
            return TradeOutcome(condorID: entry.condorID, date: CalendarDate(newYorkDateOf: day), alvhPnL: alvh, fixedPnL: fixed)
        }
        let marks = entries.compactMap { entry -> DecisionMark? in
            guard !entry.isTrade, let date = entry.date else { return nil }
            return DecisionMark(date: date, kind: entry.kind)
        }
        return PnLPath(trades: trades, decisions: marks)
    }

    func layerOutcome(_ book: ProjectionBook) -> (HedgeLayerRow) -> HedgeLayerOutcome {
        let flows = Dictionary(grouping: book.flows.filter { $0.ownerKind == .layer }, by: \.ownerID)
        return { layer in
            let own = flows[layer.layerID] ?? []
            var cost = -own.filter { $0.amount < 0 }.reduce(Decimal(0)) { $0 + $1.amount }
            var paid = own.filter { $0.amount > 0 }.reduce(Decimal(0)) { $0 + $1.amount }
            var valued = true
            let quantity = Decimal(layer.quantity)
            var isFuture = false
            if case .vixFuture = layer.instrument { isFuture = true }
            if layer.status == .open {
                if let value = layer.markValue {
                    paid += isFuture ? CapitalAtRisk.vixFutureMargin * quantity + (value - layer.entryPrice) * layer.multiplier * quantity
                        : value * layer.multiplier * quantity
                } else {
                    valued = false
                }
            }
            if isFuture {
                // The margin goes out and comes back: leave it out of both sides.
                let margin = CapitalAtRisk.vixFutureMargin * Decimal(layer.initialQuantity)
                cost -= margin
                paid -= margin
                if paid < 0 { cost -= paid; paid = 0 }
                if cost < 0 { paid -= cost; cost = 0 }
            }
            return HedgeLayerOutcome(layerID: layer.layerID, instrument: layer.legs.spec, openedOn: CalendarDate(newYorkDateOf: layer.openedAt),
                                     status: layer.status.rawValue, cost: cost, paid: paid, valued: valued)
        }
    }

    /// The feed the positions in scope traded on: the one with most marks at the instants condors
    /// and layers were opened (a backtest marks each session on its own feed), then the one with most
    /// marks; ties by name.
    func volatilityFeed(_ marks: [MarketMark], trading instants: Set<Date>) -> String? {
        if let preferredFeed, marks.contains(where: { $0.feed == preferredFeed }) { return preferredFeed }
        var score: [String: (trading: Int, all: Int)] = [:]
        for mark in marks {
            score[mark.feed, default: (0, 0)].all += 1
            if instants.contains(mark.at) { score[mark.feed, default: (0, 0)].trading += 1 }
        }
        return score.max { ($0.value.trading, $0.value.all, $1.key) < ($1.value.trading, $1.value.all, $0.key) }?.key
    }

    func openPosition(_ condor: CondorRow, marks: [MarketMark]) -> OpenPosition {
        let s = condor.strikes
        let strikes = s.strikesText
        var greeks: OpenPosition.Greeks?
        var volatilityBreakEven: String?
        if let at = condor.markAt, let mark = marks.last(where: { $0.at == at }) {
            (greeks, volatilityBreakEven) = analytics(condor, mark)
        }
        return OpenPosition(condorID: condor.condorID, portfolio: condor.portfolio, underlying: condor.underlying.rawValue, strikes: strikes,
                            expiry: s.expiry, contracts: condor.contracts, cumulativeCredit: condor.cumulativeCredit,
                            markValue: condor.markValue, unrealizedPnL: condor.unrealizedPnL, greeks: greeks,
                            lowerBreakEven: s.shortPut.map { $0 - condor.cumulativeCredit }, upperBreakEven: s.shortCall.map { $0 + condor.cumulativeCredit },
                            volatilityBreakEven: volatilityBreakEven)
    }

    /// Greeks and the volatility break-even from the mark's market model (`MarketModel.risk`).
    func analytics(_ condor: CondorRow, _ mark: MarketMark) -> (OpenPosition.Greeks?, String?) {
        let stopLevel = NSDecimalNumber(decimal: (1 + rule.stop) * condor.cumulativeCredit).doubleValue
        guard let risk = mark.model.risk(condor.strikes, underlying: condor.underlying, contracts: condor.contracts, multiplier: condor.multiplier,
                                         at: mark, stopLevel: stopLevel) else { return (nil, nil) }
        let p = risk.valuation.position
        let greeks = OpenPosition.Greeks(delta: p.delta, gamma: p.gamma, theta: p.theta / 365, vega: p.vega / 100, volga: p.volga / 10_000)
        switch risk.volatilityBreakEven {
        case .volatility(let v)?: return (greeks, String(format: "%.1f%%", v * 100))
        case .unreachable?: return (greeks, "unreachable")
        case .reachedAtAnyVolatility?: return (greeks, "at stop already")
        case nil: return (greeks, nil)
        }
    }

    /// One line per model the scoped lines used: its label and assumptions.
    static func assumptions(_ models: [MarketModel], used: Set<String>) -> [String] {
        models.filter { used.contains($0.id) }.map { "\($0.label): \($0.assumptions)" }
    }
}
