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

/// A condor's strikes with what valuing them needs, computed once: the strikes as the formulas take
/// them (0 for the side a credit spread lacks) and the widest wing.
public struct PricedLegs: Sendable, Hashable {
    public let strikes: IronCondorLegs
    /// The strikes in index points.
    public let longPut: Double
    public let shortPut: Double
    public let shortCall: Double
    public let longCall: Double
    /// The wider wing, per unit, and in cents when it is a whole number of them.
    public let widestWing: Decimal
    let widestCents: Int64?

    public init(_ strikes: IronCondorLegs) {
        self.strikes = strikes
        longPut = strikes.longPut.map(MarketModel.double) ?? 0
        shortPut = strikes.shortPut.map(MarketModel.double) ?? 0
        shortCall = strikes.shortCall.map(MarketModel.double) ?? 0
        longCall = strikes.longCall.map(MarketModel.double) ?? 0
        widestWing = strikes.widestWing
        let cents = widestWing * 100
        widestCents = cents == Money.rounded(cents, scale: 0) && cents < 1_000_000_000_000 ? Int64(MarketModel.double(cents)) : nil
    }
}

extension MarketModel {
    /// The condor's value at `mark` (a credit spread: its two legs): each leg at its recorded quote's
    /// mid when the mark has one for that expiry, right and strike, else Black-Scholes-Merton on the index (SPX/10 for XSP) at the
    /// leg's skewed volatility; at or after settlement, intrinsic value.
    public func value(_ strikes: IronCondorLegs, underlying: Underlying, at mark: MarketMark) -> CondorValue {
        value(PricedLegs(strikes), underlying: underlying, at: mark)
    }

    /// The same for strikes already prepared (the backtest and the fixed path value the same
    /// condor at every mark).
    public func value(_ legs: PricedLegs, underlying: Underlying, at mark: MarketMark) -> CondorValue {
        let t = timeYears(to: legs.strikes.expiry, style: underlying.settlement, from: mark.at)
        let spot = mark.indexLevel(for: underlying)
        let forward = self.forward(spot: spot, timeYears: t)
        var quoted = 0
        func leg(_ right: Ledger.OptionRight, _ strike: Decimal, _ k: Double) -> Double {
            if !mark.quotes.isEmpty, let quote = mark.quote(expiry: legs.strikes.expiry, right: right, strike: strike) {
                quoted += 1
                return Self.double(quote.mid)
            }
            let financeRight: Finance.OptionRight = right == .put ? .put : .call
            guard t > 0, spot > 0 else { return financeRight.payoff(underlying: spot, strike: k) }
            return BlackScholesMerton.uncheckedPrice(financeRight, spot: spot, strike: k, timeYears: t, rate: rate, dividendYield: dividendYield,
                                                     volatility: legVolatility(strike: k, forward: forward, timeYears: t, at: mark))
        }
        let s = legs.strikes
        var total = 0.0
        if let shortPut = s.shortPut, let longPut = s.longPut {
            total += leg(.put, shortPut, legs.shortPut) - leg(.put, longPut, legs.longPut)
        }
        if let shortCall = s.shortCall, let longCall = s.longCall {
            total += leg(.call, shortCall, legs.shortCall) - leg(.call, longCall, legs.longCall)
        }
        let source: ValuationSource = quoted == (s.isIronCondor ? 4 : 2) ? .quotes : quoted == 0 ? .model : .mixed
        return CondorValue(perUnit: Self.cents(total, within: legs), source: source)
    }

    /// `value` in cents, kept within 0 … the widest wing (compared in whole cents when it is one).
    static func cents(_ value: Double, within legs: PricedLegs) -> Decimal {
        let scaled = value * 100
        if let widest = legs.widestCents, abs(scaled) < 1e12 {
            // Clearly at or below 0, or at or beyond the wing, whatever the rounding.
            if scaled <= 0.49 { return 0 }
            if scaled >= Double(widest) - 0.49 { return legs.widestWing }
        }
        let rounded = cents(value)
        return rounded < 0 ? 0 : rounded > legs.widestWing ? legs.widestWing : rounded
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
        // `skew.volatility(levels:strike:forward:timeYears:)` on the mark's term structure built once:
        // the same checks (each input finite and > 0), the same σ, else VIX.
        guard let terms = mark.terms, strike.isFinite, strike > 0, forward.isFinite, forward > 0, timeYears.isFinite, timeYears > 0 else {
            return mark.levels.vix / 100
        }
        return skew.volatility(terms: terms, logMoneyness: log(strike / forward), timeYears: timeYears)
    }

    /// Black-Scholes-Merton delta of one SPX option at its skewed volatility (put < 0 < call).
    public func delta(_ right: Finance.OptionRight, strike: Double, spot: Double, timeYears t: Double, at mark: MarketMark) -> Double {
        let sigma = legVolatility(strike: strike, forward: forward(spot: spot, timeYears: t), timeYears: t, at: mark)
        return BlackScholesMerton.uncheckedGreeks(right, spot: spot, strike: strike, timeYears: t, rate: rate, dividendYield: dividendYield,
                                                  volatility: sigma).delta
    }
}
