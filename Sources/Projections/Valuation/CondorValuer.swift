import Finance
import Foundation
import Ledger

/// Values a short iron condor at a mark: the debit per unit (index points) to buy all four legs
/// back at mid. Each leg uses its recorded quote's mid when the mark has one for that expiry, right
/// and strike; otherwise Black-Scholes-Merton on the index (SPX, or SPX/10 for XSP) at the
/// volatility `ValuationSettings.skew` gives for the recorded VIX. At or after settlement the legs
/// are worth their intrinsic value. The result is rounded to cents and kept in 0 … widest wing.
public struct CondorValuer: Sendable {
    public var settings: ValuationSettings

    public init(settings: ValuationSettings = .standard) { self.settings = settings }

    /// A value per unit and where it came from.
    public struct Value: Sendable, Hashable {
        public var perUnit: Decimal
        public var source: ValuationSource
    }

    public func value(_ strikes: IronCondorLegs, underlying: Underlying, at mark: MarketMark) -> Value {
        let settlement = LedgerDecider.settlementInstant(strikes.expiry, style: underlying.settlement)
        let t = settlement.timeIntervalSince(mark.at) / (365 * 86_400)
        let spot = NSDecimalNumber(decimal: underlying == .xsp ? mark.spx / 10 : mark.spx).doubleValue
        let vix = NSDecimalNumber(decimal: mark.vix).doubleValue
        var total = 0.0
        var sources: [ValuationSource] = []
        // A credit spread has one side: its two legs only.
        let legs: [(Ledger.OptionRight, Decimal, Double)] = strikes.legs(contracts: 1).map { ($0.right, $0.strike, $0.quantity < 0 ? 1 : -1) }
        for (right, strike, sign) in legs {
            let k = NSDecimalNumber(decimal: strike).doubleValue
            if let quote = mark.quote(expiry: strikes.expiry, right: right, strike: strike) {
                total += sign * NSDecimalNumber(decimal: quote.mid).doubleValue
                sources.append(.quotes)
                continue
            }
            let financeRight: Finance.OptionRight = right == .put ? .put : .call
            sources.append(.model)
            guard t > 0, spot > 0, vix > 0 else {
                total += sign * financeRight.payoff(underlying: spot, strike: k)
                continue
            }
            let forward = spot * exp((settings.rate - settings.dividendYield) * t)
            let sigma = (try? settings.skew.volatility(vix: vix, strike: k, forward: forward, timeYears: t)) ?? (vix / 100)
            let price = BlackScholesMerton.uncheckedPrice(financeRight, spot: spot, strike: k, timeYears: t, rate: settings.rate,
                                                          dividendYield: settings.dividendYield, volatility: sigma)
            total += sign * price
        }
        let rounded = (try? Money.cents(total)) ?? 0
        let clamped = min(max(rounded, 0), strikes.widestWing)
        return Value(perUnit: clamped, source: ValuationSource.combining(sources) ?? .model)
    }

    /// The value per unit at expiry for a settlement level (no model involved).
    public func settlementValue(_ strikes: IronCondorLegs, level: Decimal) -> Decimal {
        strikes.settlementValue(at: level)
    }
}
