import Finance
import Foundation

/// How the advisor prices a hedge layer: a VIX call on the VIX future of its expiry, Black-76.
///
/// The future is not always recorded, so its level F is read from the curve VIX → VIX3M:
/// F(τ) = VIX + (VIX3M − VIX) × min(τ / 63 days, 1) (VIX3M missing: F = VIX). The call has
/// `tenorDays` calendar days left when bought and its strike is F + `strikeOffset`, rounded to a
/// whole point. `volatility` is the VIX options' implied vol (vol of vol, annual fraction). A
/// +Δ VIX shock moves the future by Δ × `futureShockBeta` (futures move less than spot VIX).
public struct VIXCallHedgeModel: Sendable, Hashable, Codable {
    public var tenorDays: Int
    public var strikeOffset: Double
    public var volatility: Double
    public var futureShockBeta: Double
    public var rate: Double
    /// Bid-ask half spread paid when trading the call, index points per unit.
    public var halfSpread: Double
    /// Fees per VIX option contract, dollars.
    public var feePerContract: Double

    public init(tenorDays: Int = 30, strikeOffset: Double = 2, volatility: Double = 0.9, futureShockBeta: Double = 0.7,
                rate: Double = 0.03, halfSpread: Double = 0.05, feePerContract: Double = 1.00) {
        self.tenorDays = tenorDays
        self.strikeOffset = strikeOffset
        self.volatility = volatility
        self.futureShockBeta = futureShockBeta
        self.rate = rate
        self.halfSpread = halfSpread
        self.feePerContract = feePerContract
    }

    /// VIX options carry 100 dollars per point.
    public static let multiplier = 100.0

    /// The future for an expiry `days` calendar days away.
    public func forward(vix: Double, vix3m: Double?, days: Int) -> Double {
        guard let vix3m, vix3m > 0 else { return vix }
        return vix + (vix3m - vix) * min(Double(max(days, 0)) / 63, 1)
    }

    /// The strike a new layer is bought at.
    public func strike(vix: Double, vix3m: Double?) -> Double {
        max(1, (forward(vix: vix, vix3m: vix3m, days: tenorDays) + strikeOffset).rounded())
    }

    /// Mid value per unit (index points) of a call with `days` left at `strike`; intrinsic at 0 days.
    public func value(vix: Double, vix3m: Double?, strike: Double, days: Int) -> Double {
        let f = forward(vix: vix, vix3m: vix3m, days: days)
        guard days > 0 else { return max(f - strike, 0) }
        return Black76.uncheckedGreeks(.call, forward: f, strike: strike, timeYears: Double(days) / 365, rate: rate,
                                       volatility: volatility).price
    }

    /// Gain per unit (index points) of the call if VIX rises by `points` now.
    public func shockGain(vix: Double, vix3m: Double?, strike: Double, days: Int, points: Double) -> Double {
        let base = value(vix: vix, vix3m: vix3m, strike: strike, days: days)
        let bumped = value(vix: vix + points * futureShockBeta, vix3m: vix3m.map { $0 + points * futureShockBeta },
                           strike: strike, days: days)
        return bumped - base
    }
}
