import Finance
import Foundation
import Ledger

/// A short iron condor's value at a mark: the debit per unit (index points) to buy all four legs
/// back at mid, rounded to cents and kept within 0 … widest wing, and which prices it came from.
public struct CondorValue: Sendable, Hashable {
    public var perUnit: Decimal
    public var source: ValuationSource

    public init(perUnit: Decimal, source: ValuationSource) {
        self.perUnit = perUnit
        self.source = source
    }
}

extension MarketModel {
    /// The condor's value at `mark`: each leg at its recorded quote's mid when the mark has one for
    /// that expiry, right and strike, else Black-Scholes-Merton on the index (SPX/10 for XSP) at the
    /// leg's skewed volatility; at or after settlement, intrinsic value.
    public func value(_ strikes: IronCondorLegs, underlying: Underlying, at mark: MarketMark) -> CondorValue {
        let t = timeYears(to: strikes.expiry, style: underlying.settlement, from: mark.at)
        let spot = mark.indexLevel(for: underlying)
        let forward = self.forward(spot: spot, timeYears: t)
        var total = 0.0
        var quoted = 0
        let legs: [(Ledger.OptionRight, Decimal, Double)] = [
            (.put, strikes.longPut, -1), (.put, strikes.shortPut, 1), (.call, strikes.shortCall, 1), (.call, strikes.longCall, -1),
        ]
        for (right, strike, sign) in legs {
            if let quote = mark.quote(expiry: strikes.expiry, right: right, strike: strike) {
                total += sign * Self.double(quote.mid)
                quoted += 1
                continue
            }
            let k = Self.double(strike)
            let financeRight: Finance.OptionRight = right == .put ? .put : .call
            guard t > 0, spot > 0 else {
                total += sign * financeRight.payoff(underlying: spot, strike: k)
                continue
            }
            let sigma = legVolatility(strike: k, forward: forward, timeYears: t, at: mark)
            total += sign * BlackScholesMerton.uncheckedPrice(financeRight, spot: spot, strike: k, timeYears: t, rate: rate,
                                                              dividendYield: dividendYield, volatility: sigma)
        }
        let rounded = Self.cents(total)
        let source: ValuationSource = quoted == 4 ? .quotes : quoted == 0 ? .model : .mixed
        return CondorValue(perUnit: min(max(rounded, 0), strikes.widestWing), source: source)
    }

    /// `Money.cents(value)` (half to even on the shortest decimal form), without its decimal parse
    /// when the value is clearly not a half cent: then both round to the nearest cent. 0 for NaN.
    static func cents(_ value: Double) -> Decimal {
        let scaled = value * 100
        let nearest = scaled.rounded()
        guard abs(scaled - nearest) < 0.499_999, abs(scaled) < 1e12 else { return (try? Money.cents(value)) ?? 0 }
        let units = Int64(nearest)
        return Decimal(sign: units < 0 ? .minus : .plus, exponent: -2, significand: Decimal(units.magnitude))
    }

    /// The index forward S·e^((r − q)t).
    public func forward(spot: Double, timeYears: Double) -> Double {
        spot * exp((rate - dividendYield) * max(timeYears, 0))
    }

    /// One SPX leg's implied volatility (annual fraction) from the skew model and the mark's
    /// VIX9D/VIX/VIX3M; VIX/100 if the skew cannot be evaluated.
    public func legVolatility(strike: Double, forward: Double, timeYears: Double, at mark: MarketMark) -> Double {
        (try? skew.volatility(levels: mark.levels, strike: strike, forward: forward, timeYears: timeYears)) ?? mark.levels.vix / 100
    }

    /// Black-Scholes-Merton delta of one SPX option at its skewed volatility (put < 0 < call).
    public func delta(_ right: Finance.OptionRight, strike: Double, spot: Double, timeYears t: Double, at mark: MarketMark) -> Double {
        let sigma = legVolatility(strike: strike, forward: forward(spot: spot, timeYears: t), timeYears: t, at: mark)
        return BlackScholesMerton.uncheckedGreeks(right, spot: spot, strike: strike, timeYears: t, rate: rate, dividendYield: dividendYield,
                                                  volatility: sigma).delta
    }
}
