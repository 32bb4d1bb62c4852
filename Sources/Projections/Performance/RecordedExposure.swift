import Foundation
import Ledger
import Market

/// A recorded condor, as its fold left it after each event: at a mark, the latest state at or
/// before it, valued at the mark while open (`PerformanceValuation`).
struct RecordedCondorExposure: PositionExposure {
    let condorID: UUID
    let multiplier: Decimal
    /// The condor after each event that moved it, in stream order, with the event's market time.
    let timeline: [(at: Date, state: CondorState)]
    /// Capital at risk after each timeline entry (computed once, read at every mark).
    let capitals: [Decimal]
    let valuation: PerformanceValuation
    private var index = 0

    /// Nil when the stream holds no (unvoided) opening.
    init?(stream: [LedgerStreamEvent], valuation: PerformanceValuation) {
        var timeline: [(at: Date, state: CondorState)] = []
        var multiplier = Decimal(100)
        let final = CondorState.fold(EffectiveStream(stream)) { step in
            if case .condorOpened(let opened) = step.item.event { multiplier = opened.multiplier }
            timeline.append((step.item.occurredAt, step.after))
        }
        guard let final, !timeline.isEmpty else { return nil }
        condorID = final.condorID
        self.multiplier = multiplier
        self.timeline = timeline
        capitals = timeline.map { CondorCapital.atRisk($0.state, multiplier: multiplier) }
        self.valuation = valuation
    }

    var portfolio: String { timeline[0].state.portfolio }
    var openedAt: Date { timeline[0].at }
    var openingCapital: Decimal { capitals[0] }

    mutating func advance(to mark: MarketMark) -> ExposureReading {
        while index + 1 < timeline.count, timeline[index + 1].at <= mark.at { index += 1 }
        let state = timeline[index].state
        guard state.status == .open else { return ExposureReading(pnl: state.realizedCash, capital: 0, isOpen: false) }
        let value = valuation.condor(state.strikes, underlying: state.underlying, at: mark)
        return ExposureReading(pnl: state.realizedCash - value * multiplier * Decimal(state.contracts), capital: capitals[index], isOpen: true)
    }

    func condorResult(lastReading: ExposureReading) -> CondorResult? {
        let state = timeline[index].state
        let ended = state.status == .open ? nil : CalendarDate(newYorkDateOf: timeline[index].at)
        return CondorResult(condorID: condorID, endedOn: ended, pnl: lastReading.pnl)
    }
}

/// A recorded hedge layer: realized P&L plus, while open, its value at the mark less its cost
/// basis (an instrument with no value at the mark — an ETP — counts at cost).
struct RecordedLayerExposure: PositionExposure {
    let timeline: [(at: Date, state: HedgeLayerState)]
    /// Capital at risk after each timeline entry.
    let capitals: [Decimal]
    let valuation: PerformanceValuation
    private var index = 0

    init?(stream: [LedgerStreamEvent], valuation: PerformanceValuation) {
        var timeline: [(at: Date, state: HedgeLayerState)] = []
        let final = HedgeLayerState.fold(EffectiveStream(stream)) { step in
            timeline.append((step.item.occurredAt, step.after))
        }
        guard final != nil, !timeline.isEmpty else { return nil }
        self.timeline = timeline
        capitals = timeline.map { LayerCapital.atRisk($0.state, margin: valuation.vixFutureMargin) }
        self.valuation = valuation
    }

    var portfolio: String { timeline[0].state.portfolio }
    var openedAt: Date { timeline[0].at }
    var openingCapital: Decimal { capitals[0] }

    mutating func advance(to mark: MarketMark) -> ExposureReading {
        while index + 1 < timeline.count, timeline[index + 1].at <= mark.at { index += 1 }
        let state = timeline[index].state
        guard state.status == .open else { return ExposureReading(pnl: state.realizedPnL, capital: 0, isOpen: false) }
        let unrealized = valuation.layer(state.legs, at: mark).map { $0 * state.multiplier * Decimal(state.quantity) - state.costBasis } ?? 0
        return ExposureReading(pnl: state.realizedPnL + unrealized, capital: capitals[index], isOpen: true)
    }

    func condorResult(lastReading: ExposureReading) -> CondorResult? { nil }
}
