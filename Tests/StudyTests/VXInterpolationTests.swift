import Finance
import Foundation
import Ledger
import Market
import Strategy
import Testing

/// `--vx`: a VIX option is priced off the future of its expiry interpolated on the mark's recorded
/// curve, checked against values computed by hand from the real 2020-03-02 row of
/// ../shared/data/vx_term_structure_daily.csv (VX1 March 26.275 settling 2020-03-18, VX2 April
/// 23.325 settling 2020-04-15, …, VX8 October 22.625 settling 2020-10-21) and that day's VIX close 33.42.
struct VXInterpolationTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    /// The 2020-03-02 mark as `alvh backtest --vx` records it (the file's curve → quotes by month).
    static func mark() throws -> MarketMark {
        let text = try String(contentsOf: data.appendingPathComponent("vx_term_structure_daily.csv"), encoding: .utf8)
        let day = CalendarDay(year: 2020, month: 3, day: 2)!
        let curve = try #require(try VXCurveHistory(csv: text, name: "vx").curve(on: day))
        #expect(curve.date == day)
        let futures = try MarketDay(date: day, spx: 3090.23, vix: 33.42, vix3m: 27.70, vxCurve: curve).futuresQuotes()
        let observed = MarketObserved(feed: "t", spx: decimal("3090.23"), vix: decimal("33.42"), vix3m: decimal("27.70"), futures: futures)
        return MarketMark(eventID: UUID(), position: 0, at: MarketCalendar.closeInstant(CalendarDate(day)), observed: observed, model: .standard)
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }
    static func expiry(_ text: String) -> CalendarDate { CalendarDate(CalendarDay(iso: text)!) }

    @Test("between two settlements, before VX1, on a settlement, after the last: the hand-computed futures")
    func interpolatesOnTheRealCurve() throws {
        let mark = try Self.mark()
        let model = mark.model
        func forward(_ day: String) -> (Double, ValuationSource) { model.vixForward(expiry: Self.expiry(day), at: mark) }
        // A weekly expiring 2020-03-25, 7 of the 28 days from March (03-18) to April (04-15):
        // 26.275 + 7/28 × (23.325 − 26.275) = 25.5375 (the month rule priced it at March's 26.275).
        let between = forward("2020-03-25")
        #expect(abs(between.0 - 25.5375) < 1e-12 && between.1 == .quotes, "\(between)")
        // 2020-03-11, before VX1: from spot 33.42 on 03-02 to March 26.275 on 03-18, 9 of 16 days:
        // 33.42 + 9/16 × (26.275 − 33.42) = 29.4009375.
        let before = forward("2020-03-11")
        #expect(abs(before.0 - 29.4009375) < 1e-12 && before.1 == .quotes, "\(before)")
        // On a contract's settlement date: that contract.
        #expect(forward("2020-04-15") == (23.325, .quotes))
        // After the last recorded contract (October, 2020-10-21): flat at its price.
        #expect(forward("2020-11-18") == (22.625, .quotes))
        // The option's price is Black-76 on the interpolated future.
        let price = model.vixOption(.call, strike: 28, expiry: Self.expiry("2020-03-25"), at: mark).price
        let t = model.timeYears(to: Self.expiry("2020-03-25"), style: .am, from: mark.at)
        let expected = try Black76.price(.call, forward: 25.5375, strike: 28, timeYears: t, rate: model.rate, volatility: model.vixOptionVolatility)
        #expect(abs(price - expected) < 1e-12)
    }

    @Test("without recorded futures, or for an expiry already past, the curve model as before")
    func fallsBackToTheCurveModel() throws {
        let mark = try Self.mark()
        var bare = mark
        bare.futures = []
        let model = mark.model
        let t = max(model.timeYears(to: Self.expiry("2020-03-25"), style: .am, from: mark.at), 0) * 365
        let curve = 33.42 + (27.70 - 33.42) * min(t / model.vixFuturesCurveDays, 1)
        let bareForward = model.vixForward(expiry: Self.expiry("2020-03-25"), at: bare)
        #expect(abs(bareForward.forward - curve) < 1e-12 && bareForward.source == .model)
        let past = model.vixForward(expiry: Self.expiry("2020-02-26"), at: mark)
        #expect(past.forward == 33.42 && past.source == .model)
    }
}
