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
/// margin plus (exit − entry) × 1000, less fees. A layer of several legs with futures among them
/// (its prices are dollars per unit) commits per leg (`HedgeLegs.commitment`): the option legs'
/// premium plus the margin of each futures contract; a sale returns that commitment's share with the
/// layer's gain: (price − entry) × quantity + commitment × quantity, less fees.
public enum HedgeLayerFold {
    /// The rows with an open position valued at `lastMark`, whatever its feed.
    public static func rows(events: [SourcedEvent], lastMark: MarketMark?) -> OwnerRows {
        rows(events: events, markFor: { _ in lastMark })
    }

    /// The rows with open positions valued at the mark `marks` chooses for their portfolio.
    public static func rows(events: [SourcedEvent], marks: MarkChoice) -> OwnerRows {
        rows(events: events, markFor: marks.mark(forPortfolio:))
    }

    /// `markFor(portfolio)`: the mark that values an open position of that portfolio. One walk:
    /// `HedgeLayerState.fold` applies the events and hands every step it took to the row builder.
    static func rows(events: [SourcedEvent], markFor: (String) -> MarketMark?) -> OwnerRows {
        var builder = HedgeLayerRowsBuilder(events: events, margin: CapitalAtRisk.vixFutureMargin)
        guard let state = HedgeLayerState.fold(EffectiveStream(events.map(\.event)), observe: { builder.take($0) }) else { return OwnerRows() }
        return builder.rows(state: state, mark: markFor(state.portfolio))
    }
}

/// The rows of one hedge layer, built step by step from the layer's fold (`HedgeLayerFold`).
struct HedgeLayerRowsBuilder {
    let events: [SourcedEvent]
    /// Dollars of initial margin per VIX future contract.
    let margin: Decimal
    private var added: HedgeLayerAdded?
    private var endedAt: Date?
    private var flows: [CashFlowRow] = []
    private var decisions: [DecisionRow] = []

    init(events: [SourcedEvent], margin: Decimal) {
        self.events = events
        self.margin = margin
    }

    /// Adds what one step of the fold means for the rows: a flow and the decisions.
    mutating func take(_ step: HedgeLayerStep) {
        switch step.item.event {
        case .hedgeLayerAdded(let layer):
            added = layer
            if case .vixFuture? = layer.legs.single {
                flow(step, -(margin * Decimal(layer.quantity)) - layer.fees, "margin")
            } else if layer.legs.futuresPerUnit > 0 {
                flow(step, -(layer.legs.commitment(futuresMargin: margin) * Decimal(layer.quantity)) - layer.fees, "premium and margin")
            } else {
                flow(step, -(layer.price * layer.multiplier * Decimal(layer.quantity)) - layer.fees, "premium")
            }
            decision(step, .layerAdd, "add layer \(layer.legs.spec) ×\(layer.quantity)" + (layer.tier.map { " tier \($0)" } ?? "")
                     + (layer.reason.map { ": \($0)" } ?? ""), layer.signals)
        case .hedgeLayerReduced(let reduced):
            sale(step, quantity: reduced.quantity, price: reduced.price, fees: reduced.fees)
            decision(step, .layerReduce, "reduce layer by \(reduced.quantity)" + (reduced.reason.map { ": \($0)" } ?? ""), reduced.signals)
        case .hedgeLayerClosed(let close):
            sale(step, quantity: step.before?.quantity ?? 0, price: close.price, fees: close.fees)
            endedAt = step.item.occurredAt
            decision(step, .layerClose, "close layer" + (close.reason.map { ": \($0)" } ?? ""), close.signals)
        default:
            break
        }
    }

    private mutating func sale(_ step: HedgeLayerStep, quantity: Int, price: Decimal, fees: Decimal) {
        guard let entry = added else { return }
        if case .vixFuture? = entry.legs.single {
            flow(step, margin * Decimal(quantity) + (price - entry.price) * entry.multiplier * Decimal(quantity) - fees, "margin")
        } else if entry.legs.futuresPerUnit > 0 {
            let returned = entry.legs.commitment(futuresMargin: margin) + (price - entry.price) * entry.multiplier
            flow(step, returned * Decimal(quantity) - fees, "proceeds and margin")
        } else {
            flow(step, price * entry.multiplier * Decimal(quantity) - fees, "proceeds")
        }
    }

    private mutating func flow(_ step: HedgeLayerStep, _ amount: Decimal, _ what: String) {
        flows.append(CashFlowRow(ownerKind: .layer, ownerID: step.after.layerID, seq: flows.count + 1, portfolio: step.after.portfolio,
                                 eventID: step.item.eventID, date: NewYorkDay.of(step.item.occurredAt), amount: amount, what: what))
    }

    /// One decision per protected condor, or one with no condor for a portfolio layer.
    private mutating func decision(_ step: HedgeLayerStep, _ kind: DecisionRow.Kind, _ choice: String, _ signals: DecisionSignals?) {
        let layer = step.after
        let targets: [UUID?] = layer.protects.isEmpty ? [nil] : layer.protects.map { $0 }
        let position = SourcedEvent.position(of: step.item.eventID, in: events)
        for condor in targets {
            decisions.append(DecisionRow(ownerID: layer.layerID, eventID: step.item.eventID, condorID: condor, portfolio: layer.portfolio,
                                         decidedAt: step.item.occurredAt, position: position, kind: kind, alvhChoice: choice, fixedSaid: nil,
                                         signals: CondorFold.encode(signals), layerID: layer.layerID))
        }
    }

    /// The rows once the fold is done: the layer row valued at `mark`, its allocations, flows and decisions.
    func rows(state: HedgeLayerState, mark: MarketMark?) -> OwnerRows {
        guard let entry = added else { return OwnerRows() }
        let row = HedgeLayerRow(layerID: state.layerID, portfolio: state.portfolio, protects: state.protects, legs: state.legs,
                                tier: state.tier, status: state.status, quantity: state.quantity, initialQuantity: entry.quantity,
                                multiplier: entry.multiplier, entryPrice: entry.price, costBasis: state.costBasis, realizedPnL: state.realizedPnL,
                                openedAt: state.openedAt, endedAt: endedAt, markAt: nil, markValue: nil, unrealizedPnL: nil, valuation: nil,
                                modelID: nil, lastEventAt: state.lastEventAt)
        var rows = OwnerRows()
        rows.layer = row.marked(at: mark)
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
    /// This row valued at `mark` with the mark's model: an open layer whose legs all have a value
    /// there gets unrealized P&L = value × multiplier × quantity − cost basis and the model's id;
    /// otherwise none. Shared by the fold and a mark-only catch-up.
    public func marked(at mark: MarketMark?) -> HedgeLayerRow {
        var row = self
        row.markAt = nil
        row.markValue = nil
        row.unrealizedPnL = nil
        row.valuation = nil
        row.modelID = nil
        guard status == .open, let mark, mark.at >= openedAt, let value = mark.model.value(legs, at: mark) else { return row }
        row.markAt = mark.at
        row.markValue = value.perUnit
        row.unrealizedPnL = value.perUnit * multiplier * Decimal(quantity) - costBasis
        row.valuation = value.source
        row.modelID = mark.model.eventID
        return row
    }
}
