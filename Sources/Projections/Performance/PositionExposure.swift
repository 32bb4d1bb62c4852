import Foundation
import Ledger
import Market

/// What one position contributes to a portfolio's series at a mark.
struct ExposureReading {
    /// Dollars of P&L since the position opened (realized plus unrealized at the mark, fees in).
    var pnl: Decimal
    /// Dollars at risk after the mark (0 once ended).
    var capital: Decimal
    var isOpen: Bool
}

/// One position on one path (a recorded condor or layer, or a condor managed by the fixed rule),
/// read forward in market order, one mark at a time.
protocol PositionExposure {
    var openedAt: Date { get }
    /// Dollars at risk right after the opening.
    var openingCapital: Decimal { get }
    /// Whether the position must see every mark, not only each session's last (a rule that acts
    /// at marks: the fixed rule); a recorded position only needs the marks that value it.
    var needsEveryMark: Bool { get }
    /// The position at `mark` (marks come in market order).
    mutating func advance(to mark: MarketMark) -> ExposureReading
    /// The condor's result, for condors (nil for hedge layers); `lastMark` values it when still open.
    func condorResult(lastReading: ExposureReading) -> CondorResult?
}

extension PositionExposure {
    var needsEveryMark: Bool { false }
}

/// The capital a condor has at risk: its maximum loss from here, given all the credit it has
/// taken in — max(0, widest wing − cumulative credit) × multiplier × contracts. Read from the
/// condor's fold state, so whatever moves the fold (rolls, partial closes) moves it.
enum CondorCapital {
    static func atRisk(_ state: CondorState, multiplier: Decimal) -> Decimal {
        guard state.status == .open else { return 0 }
        return max(0, state.strikes.widestWing - state.cumulativeCredit) * multiplier * Decimal(state.contracts)
    }
}

/// The capital a hedge layer has at risk: the premium still held (its cost basis), or for a VIX
/// future the margin it commits (docs/design.md, "Realized IRR").
enum LayerCapital {
    static func atRisk(_ state: HedgeLayerState, margin: Decimal) -> Decimal {
        guard state.status == .open else { return 0 }
        if case .vixFuture = state.instrument { return margin * Decimal(state.quantity) }
        // Several legs with futures among them: the option legs' premium and the futures' margin, not their notional.
        if state.legs.futuresPerUnit > 0 { return max(0, state.legs.commitment(futuresMargin: margin) * Decimal(state.quantity)) }
        return max(0, state.costBasis)
    }
}
