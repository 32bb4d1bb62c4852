import Finance
import Foundation
import Ledger

/// Values one unit of a hedge layer's instrument at a mark (price per unit, before the multiplier).
/// A VIX future: its month's recorded price. A VIX option: Black-76 on its month's recorded future
/// (VIX spot when that month is not recorded) at `ValuationSettings.vixOptionVolatility`, intrinsic
/// at or after its 09:30 ET settlement. A VIX ETP: no price is recorded in marks, so no value (nil).
public struct HedgeValuer: Sendable {
    public var settings: ValuationSettings

    public init(settings: ValuationSettings = .standard) { self.settings = settings }

    /// One unit of a layer: its legs' values netted by their ratios (`HedgeLegs.netPrice`), in the
    /// layer's price unit; nil when a leg has no value at the mark.
    public func value(_ legs: HedgeLegs, at mark: MarketMark) -> (perUnit: Decimal, source: ValuationSource)? {
        if let single = legs.single { return value(single, at: mark) }
        var values: [Decimal] = [], sources: [ValuationSource] = []
        for leg in legs.legs {
            guard let v = value(leg.instrument, at: mark) else { return nil }
            values.append(v.perUnit)
            sources.append(v.source)
        }
        return (legs.netPrice(values), ValuationSource.combining(sources) ?? .model)
    }

    public func value(_ instrument: HedgeInstrument, at mark: MarketMark) -> (perUnit: Decimal, source: ValuationSource)? {
        switch instrument {
        case .vixFuture(let month):
            guard let quote = mark.futures.first(where: { $0.month == month }) else { return nil }
            return (quote.price, .quotes)
        case let .vixOption(expiry, right, strike):
            let month = ContractMonth(iso: String(expiry.description.prefix(7)))
            let forward = NSDecimalNumber(decimal: mark.futures.first(where: { $0.month == month })?.price ?? mark.vix).doubleValue
            let k = NSDecimalNumber(decimal: strike).doubleValue
            let financeRight: Finance.OptionRight = right == .put ? .put : .call
            let t = LedgerDecider.settlementInstant(expiry, style: .am).timeIntervalSince(mark.at) / (365 * 86_400)
            let price: Double
            if t > 0, forward > 0 {
                price = (try? Black76.price(financeRight, forward: forward, strike: k, timeYears: t, rate: settings.rate,
                                            volatility: settings.vixOptionVolatility)) ?? financeRight.payoff(underlying: forward, strike: k)
            } else {
                price = financeRight.payoff(underlying: forward, strike: k)
            }
            return ((try? Money.cents(price)) ?? 0, .model)
        case .etp:
            return nil
        }
    }
}
