import Finance
import Foundation
import Ledger

extension MarketModel {
    /// VIX options and futures carry 100 and 1,000 dollars per point.
    public static let vixOptionMultiplier: Decimal = 100

    /// The VIX future for options expiring on `expiry`, index points: from the mark's recorded
    /// futures when it has any (`quotes`, `recordedFuture`), else the curve VIX + (VIX3M − VIX) ×
    /// min(days to expiry / curve days, 1) (`model`; VIX when VIX3M is not recorded). Days to
    /// expiry are the time convention's years × 365.
    public func vixForward(expiry: CalendarDate, at mark: MarketMark) -> (forward: Double, source: ValuationSource) {
        if let future = recordedFuture(expiry: expiry, at: mark) { return (future, .quotes) }
        let vix = mark.levels.vix
        guard let vix3m = mark.levels.vix3m, vix3m > 0 else { return (vix, .model) }
        let days = max(timeYears(to: expiry, style: .am, from: mark.at), 0) * 365
        return (vix + (vix3m - vix) * min(days / vixFuturesCurveDays, 1), .model)
    }

    /// The future for `expiry` on the mark's recorded VX curve (each recorded month settles on its
    /// `VXExpiry.settlement` date): the price of the contract settling on `expiry`; else linear in
    /// calendar days between the recorded contracts settling either side of it (`VXCurve.future`),
    /// before the first one between spot VIX on the mark's date and that contract; after the last
    /// one flat at the last contract's price (no extrapolation of the slope). Nil without recorded
    /// futures, and for an expiry on or before the mark's date that no recorded contract settles on
    /// (the curve model then gives spot VIX).
    public func recordedFuture(expiry: CalendarDate, at mark: MarketMark) -> Double? {
        guard !mark.futures.isEmpty else { return nil }
        let contracts = mark.futures.map { (day: VXExpiry.settlement(year: $0.month.year, month: $0.month.month), price: Self.double($0.price)) }
            .sorted { $0.day < $1.day }
        let day = expiry.calendarDay, today = mark.date.calendarDay
        if let exact = contracts.first(where: { $0.day == day }) { return exact.price }
        let live = contracts.filter { $0.day > today }
        guard day > today, let last = live.last else { return nil }
        guard day < last.day else { return last.price }
        return VXCurve(date: today, settlements: live.map(\.price), expiries: live.map(\.day)).future(expiring: day, spot: mark.levels.vix)
    }

    /// Mid per unit (index points) of a VIX option: Black-76 on `vixForward` at the model's VIX
    /// option volatility, discounted at the rate, to the 09:30 New York settlement of `expiry`;
    /// intrinsic value at or after it.
    public func vixOption(_ right: Finance.OptionRight, strike: Double, expiry: CalendarDate, at mark: MarketMark) -> (price: Double, source: ValuationSource) {
        let (forward, source) = vixForward(expiry: expiry, at: mark)
        let t = timeYears(to: expiry, style: .am, from: mark.at)
        guard t > 0, forward > 0, strike > 0 else { return (right.payoff(underlying: forward, strike: strike), source) }
        return (Black76.uncheckedGreeks(right, forward: forward, strike: strike, timeYears: t, rate: rate, volatility: vixOptionVolatility).price,
                source)
    }

    /// One unit of a hedge layer at `mark`: its legs' values netted by their ratios
    /// (`HedgeLegs.netPrice`, in the layer's price unit; a VIX call spread: long call − short call);
    /// nil when a leg has no value there.
    public func value(_ legs: HedgeLegs, at mark: MarketMark) -> (perUnit: Decimal, source: ValuationSource)? {
        if let single = legs.single { return value(single, at: mark) }
        var values: [Decimal] = [], sources: [ValuationSource] = []
        for leg in legs.legs {
            guard let value = value(leg.instrument, at: mark) else { return nil }
            values.append(value.perUnit)
            sources.append(value.source)
        }
        return (legs.netPrice(values), ValuationSource.combining(sources) ?? .model)
    }

    /// A hedge instrument's value per unit at `mark`, rounded to cents: a VIX future its month's
    /// recorded price (`quotes`; nil when not recorded); a VIX option `vixOption` (`model`); an ETP
    /// nil (marks record no ETP prices).
    public func value(_ instrument: HedgeInstrument, at mark: MarketMark) -> (perUnit: Decimal, source: ValuationSource)? {
        switch instrument {
        case .vixFuture(let month):
            guard let quote = mark.futures.first(where: { $0.month == month }) else { return nil }
            return (quote.price, .quotes)
        case let .vixOption(expiry, right, strike):
            let financeRight: Finance.OptionRight = right == .put ? .put : .call
            let price = vixOption(financeRight, strike: Self.double(strike), expiry: expiry, at: mark).price
            return ((try? Money.cents(price)) ?? 0, .model)
        case .etp:
            return nil
        }
    }
}
