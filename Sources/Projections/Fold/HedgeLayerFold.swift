import Foundation
import Ledger
import Market

/// The pure fold of one hedge-layer stream into its rows: the layer row, its allocation to the
/// condors it protects (1/n each), its cash flows and its decision facts (one per protected condor,
/// or one with no condor for a portfolio layer).
///
/// Cash flows (dollars): a VIX option or ETP pays its premium (price × multiplier × quantity + fees)
/// and receives proceeds (price × multiplier × quantity − fees). A VIX future commits
/// `CapitalAtRisk.vixFutureMargin` per contract (+ fees) and returns, per contract sold, the
/// margin plus (exit − entry) × 1000, less fees.
public enum HedgeLayerFold {
    /// The rows with an open position valued at `lastMark` (with its model), whatever its feed.
    public static func rows(events: [SourcedEvent], lastMark: MarketMark?) -> OwnerRows {
        rows(events: events, markFor: { _ in lastMark })
    }

    /// The rows with open positions valued at the mark `marks` chooses for their portfolio.
    public static func rows(events: [SourcedEvent], marks: MarkChoice) -> OwnerRows {
        rows(events: events, markFor: marks.mark(forPortfolio:))
    }

    /// `markFor(portfolio)`: the mark that values an open position of that portfolio.
    static func rows(events: [SourcedEvent], markFor: (String) -> MarketMark?) -> OwnerRows {
        var rows = OwnerRows()
        let stream = EffectiveStream(events.map(\.event))
        guard let state = HedgeLayerState.fold(stream.all) else { return rows }

        var added: HedgeLayerAdded?
        var held = 0
        var closed = false
        var endedAt: Date?
        var flows: [CashFlowRow] = []
        var decisions: [DecisionRow] = []
        let margin = CapitalAtRisk.vixFutureMargin

        func flow(_ item: LedgerStreamEvent, _ amount: Decimal, _ what: String) {
            flows.append(CashFlowRow(ownerKind: .layer, ownerID: state.layerID, seq: flows.count + 1, portfolio: state.portfolio,
                                     eventID: item.eventID, date: NewYorkDay.of(item.occurredAt), amount: amount, what: what))
        }
        func decision(_ item: LedgerStreamEvent, _ kind: DecisionRow.Kind, _ choice: String, _ signals: DecisionSignals?) {
            let targets: [UUID?] = state.protects.isEmpty ? [nil] : state.protects.map { $0 }
            for condor in targets {
                decisions.append(DecisionRow(ownerID: state.layerID, eventID: item.eventID, condorID: condor, portfolio: state.portfolio,
                                             decidedAt: item.occurredAt, position: SourcedEvent.position(of: item.eventID, in: events), kind: kind,
                                             alvhChoice: choice, fixedSaid: nil, signals: CondorFold.encode(signals), layerID: state.layerID))
            }
        }
        func sale(_ item: LedgerStreamEvent, quantity: Int, price: Decimal, fees: Decimal, entry: HedgeLayerAdded) {
            if case .vixFuture = entry.instrument {
                flow(item, margin * Decimal(quantity) + (price - entry.price) * entry.multiplier * Decimal(quantity) - fees, "margin")
            } else {
                flow(item, price * entry.multiplier * Decimal(quantity) - fees, "proceeds")
            }
        }

        // The same guards as HedgeLayerState.fold.
        for item in stream.effective {
            switch item.event {
            case .hedgeLayerAdded(let layer):
                guard added == nil else { continue }
                added = layer
                held = layer.quantity
                if case .vixFuture = layer.instrument {
                    flow(item, -(margin * Decimal(layer.quantity)) - layer.fees, "margin")
                } else {
                    flow(item, -(layer.price * layer.multiplier * Decimal(layer.quantity)) - layer.fees, "premium")
                }
                decision(item, .layerAdd, "add layer \(layer.instrument.spec) ×\(layer.quantity)" + (layer.tier.map { " tier \($0)" } ?? "")
                         + (layer.reason.map { ": \($0)" } ?? ""), layer.signals)
            case .hedgeLayerReduced(let reduced):
                guard let entry = added, !closed, reduced.quantity < held else { continue }
                held -= reduced.quantity
                sale(item, quantity: reduced.quantity, price: reduced.price, fees: reduced.fees, entry: entry)
                decision(item, .layerReduce, "reduce layer by \(reduced.quantity)" + (reduced.reason.map { ": \($0)" } ?? ""), reduced.signals)
            case .hedgeLayerClosed(let close):
                guard let entry = added, !closed else { continue }
                sale(item, quantity: held, price: close.price, fees: close.fees, entry: entry)
                held = 0
                closed = true
                endedAt = item.occurredAt
                decision(item, .layerClose, "close layer" + (close.reason.map { ": \($0)" } ?? ""), close.signals)
            default:
                continue
            }
        }
        guard let entry = added else { return rows }

        let row = HedgeLayerRow(layerID: state.layerID, portfolio: state.portfolio, protects: state.protects, instrument: state.instrument,
                                tier: state.tier, status: state.status, quantity: state.quantity, initialQuantity: entry.quantity,
                                multiplier: entry.multiplier, entryPrice: entry.price, costBasis: state.costBasis, realizedPnL: state.realizedPnL, openedAt: state.openedAt,
                                endedAt: endedAt, markAt: nil, markValue: nil, unrealizedPnL: nil, valuation: nil, modelID: nil,
                                lastEventAt: state.lastEventAt)
        rows.layer = row.marked(at: markFor(row.portfolio))
        let protected = Array(Set(state.protects)).sorted { $0.uuidString < $1.uuidString }
        let share = HedgeLayerFold.share(of: protected.count)
        rows.allocations = protected.map { AllocationRow(layerID: state.layerID, condorID: $0, share: share) }
        rows.flows = flows
        rows.decisions = decisions
        return rows
    }
}

extension HedgeLayerFold {
    /// 1/n, computed once for the usual counts (a Decimal division costs more than the rest of a
    /// small layer's fold).
    private static let shares: [Decimal] = (1...16).map { 1 / Decimal($0) }

    static func share(of count: Int) -> Decimal {
        (1...shares.count).contains(count) ? shares[count - 1] : 1 / Decimal(count)
    }
}

extension HedgeLayerRow {
    /// This row valued at `mark` with the mark's model: an open layer whose instrument has a value
    /// there gets unrealized P&L = value × multiplier × quantity − cost basis and the model's id;
    /// otherwise none. Shared by the fold and a mark-only catch-up.
    public func marked(at mark: MarketMark?) -> HedgeLayerRow {
        var row = self
        row.markAt = nil
        row.markValue = nil
        row.unrealizedPnL = nil
        row.valuation = nil
        row.modelID = nil
        guard status == .open, let mark, mark.at >= openedAt, let value = mark.model.value(instrument, at: mark) else { return row }
        row.markAt = mark.at
        row.markValue = value.perUnit
        row.unrealizedPnL = value.perUnit * multiplier * Decimal(quantity) - costBasis
        row.valuation = value.source
        row.modelID = mark.model.eventID
        return row
    }
}
