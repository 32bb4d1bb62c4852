import Finance
import Foundation
import Ledger
import Market

/// Which hedge layer the advisor buys: a VIX call expiring on the Wednesday on or before
/// `tenorDays` calendar days out (`MarketCalendar.vixOptionExpiry`), struck at the VIX future of
/// that expiry + `strikeOffset`, rounded to a whole point. Its price and its gain in a shock come
/// from the mark's market model (`MarketModel.vixOption`: Black-76 on the recorded future, else the
/// VIX→VIX3M curve). A +Δ VIX shock moves VIX, its indices and futures by Δ × `futureShockBeta`
/// (futures move less than spot VIX).
public struct VIXCallHedge: Sendable, Hashable, Codable {
    public var tenorDays: Int
    public var strikeOffset: Double
    public var futureShockBeta: Double

    public init(tenorDays: Int = 30, strikeOffset: Double = 2, futureShockBeta: Double = 0.7) {
        self.tenorDays = tenorDays
        self.strikeOffset = strikeOffset
        self.futureShockBeta = futureShockBeta
    }

    /// VIX options carry 100 dollars per point.
    public static let multiplier = 100.0

    /// The expiry of a layer bought at `mark`.
    public func expiry(at mark: MarketMark) -> CalendarDate {
        MarketCalendar.vixOptionExpiry(onOrBefore: CalendarDate(mark.date.calendarDay.adding(days: tenorDays)))
    }

    /// The strike of a layer bought at `mark` for `expiry`.
    public func strike(expiry: CalendarDate, at mark: MarketMark) -> Double {
        max(1, (mark.model.vixForward(expiry: expiry, at: mark).forward + strikeOffset).rounded())
    }

    /// Mid per unit (index points) of the call at `mark`.
    public func value(strike: Double, expiry: CalendarDate, at mark: MarketMark) -> Double {
        mark.model.vixOption(.call, strike: strike, expiry: expiry, at: mark).price
    }

    /// Gain per unit (index points) of the call if VIX rose by `points` now.
    public func shockGain(strike: Double, expiry: CalendarDate, at mark: MarketMark, points: Double) -> Double {
        let shift = (try? Money.rounded(points * futureShockBeta, scale: 4)) ?? 0
        return value(strike: strike, expiry: expiry, at: mark.shifted(volatilityPoints: shift)) - value(strike: strike, expiry: expiry, at: mark)
    }
}
