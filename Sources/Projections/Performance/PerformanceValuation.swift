import Foundation
import Ledger

/// How the series values open positions at a mark: the projections' own valuers (the same prices
/// as unrealized P&L in `alvh positions`), never a second valuation path.
struct PerformanceValuation: Sendable {
    let condors: CondorValuer
    let layers: HedgeValuer

    init(settings: ValuationSettings = .standard) {
        condors = CondorValuer(settings: settings)
        layers = HedgeValuer(settings: settings)
    }

    /// Dollars of initial margin one VIX future commits.
    var vixFutureMargin: Decimal { layers.settings.vixFutureMargin }

    /// The condor's value per unit (the debit to buy it back at mid).
    func condor(_ strikes: IronCondorLegs, underlying: Underlying, at mark: MarketMark) -> Decimal {
        condors.value(strikes, underlying: underlying, at: mark).perUnit
    }

    /// The instrument's value per unit, or nil when the mark cannot value it.
    func layer(_ instrument: HedgeInstrument, at mark: MarketMark) -> Decimal? {
        layers.value(instrument, at: mark)?.perUnit
    }
}
