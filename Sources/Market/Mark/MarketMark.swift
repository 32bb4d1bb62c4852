import Finance
import Foundation
import Ledger

/// One recorded market snapshot (a `MarketObserved` that was not voided) with the market model its
/// feed had in force at that instant: everything a position or path is valued with. Levels in index
/// points, as recorded (decimals); `model` values them.
public struct MarketMark: Sendable, Hashable {
    public var eventID: UUID
    /// Global position of the event (breaks ties between marks at the same instant).
    public var position: Int64
    public var feed: String
    public var at: Date
    /// The New York calendar date of `at`.
    public let date: CalendarDate
    public let spx: Decimal
    public let vix: Decimal
    public let vix9d: Decimal?
    public let vix3m: Decimal?
    public var futures: [FuturesQuote]
    public var quotes: [OptionQuote]
    /// The feed's model at `at` (`MarketModels.model(feed:at:)`).
    public var model: MarketModel
    /// The levels as the models compute with them.
    public let spxLevel: Double
    public let levels: VolatilityLevels
    /// The volatility term structure of `levels`, built once per mark (nil when a level is not
    /// finite and > 0: legs are then valued at VIX, as `MarketModel.legVolatility` says).
    public let terms: VolatilityTermStructure?

    public init(eventID: UUID, position: Int64, at: Date, observed: MarketObserved, model: MarketModel = .unrecorded) {
        self.eventID = eventID
        self.position = position
        self.feed = observed.feed
        self.at = at
        self.date = CalendarDate(newYorkDateOf: at)
        self.spx = observed.spx
        self.vix = observed.vix
        self.vix9d = observed.vix9d
        self.vix3m = observed.vix3m
        self.futures = observed.futures
        self.quotes = observed.quotes
        self.model = model
        spxLevel = Self.double(observed.spx)
        levels = VolatilityLevels(vix9d: observed.vix9d.map(Self.double), vix: Self.double(observed.vix), vix3m: observed.vix3m.map(Self.double))
        terms = try? VolatilityTermStructure(levels: levels)
    }

    /// Orders marks by market time, then by global position.
    public static func isBefore(_ a: MarketMark, _ b: MarketMark) -> Bool {
        (a.at, a.position) < (b.at, b.position)
    }

    /// The recorded quote for one option, if any.
    public func quote(expiry: CalendarDate, right: Ledger.OptionRight, strike: Decimal) -> OptionQuote? {
        guard !quotes.isEmpty else { return nil }
        return quotes.first { $0.expiry == expiry && $0.right == right && $0.strike == strike }
    }

    /// The index level an option on `underlying` is written on: SPX, or SPX/10 for XSP.
    public func index(for underlying: Underlying) -> Decimal { underlying == .xsp ? spx / 10 : spx }

    /// The same as `index(for:)`, as the models compute with it.
    public func indexLevel(for underlying: Underlying) -> Double { underlying == .xsp ? spxLevel / 10 : spxLevel }

    /// The mark the market would show if VIX and its futures rose by `points` index points: VIX9D,
    /// VIX, VIX3M and every recorded future move by the same amount (no quotes are kept).
    public func shifted(volatilityPoints points: Decimal) -> MarketMark {
        var observed = MarketObserved(feed: feed, spx: spx, vix: vix + points, vix9d: vix9d.map { $0 + points }, vix3m: vix3m.map { $0 + points },
                                      futures: futures.map { FuturesQuote(month: $0.month, price: $0.price + points) })
        observed.quotes = []
        return MarketMark(eventID: eventID, position: position, at: at, observed: observed, model: model)
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
