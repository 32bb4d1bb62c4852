import Foundation
import Ledger
import Market

/// How the series values open positions at a mark: the mark's own market model (`MarketModel`, the
/// one valuation path: the same prices as unrealized P&L in `alvh positions`).
struct PerformanceValuation: Sendable {
    /// Dollars of initial margin one VIX future commits.
    var vixFutureMargin: Decimal { CapitalAtRisk.vixFutureMargin }

    /// The condor's value per unit (the debit to buy it back at mid).
    func condor(_ strikes: IronCondorLegs, underlying: Underlying, at mark: MarketMark) -> Decimal {
        mark.model.value(strikes, underlying: underlying, at: mark).perUnit
    }

    /// One unit of the layer's legs netted (a single instrument, or a spread's long − short), or nil
    /// when the mark cannot value a leg.
    func layer(_ legs: HedgeLegs, at mark: MarketMark) -> Decimal? {
        mark.model.value(legs, at: mark)?.perUnit
    }
}
