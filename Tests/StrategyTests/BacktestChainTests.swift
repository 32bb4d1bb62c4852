@testable import ALVHCLI
import Finance
import Foundation
import Ledger
import TestSupport
import Testing
@testable import Strategy

/// Issue 14 point 5's check through the backtest itself: on each date of a real CBOE chain in
/// ../shared/data/spx_chains, a backtest over the real daily files (SPX, VIX9D, VIX, VIX3M closes)
/// with `--entry-weekday` that date's weekday and `--dte 14|28|42` opens a condor; its strikes and
/// credit are compared with the chain's quotes of the same four strikes. Targets (the fit's, README
/// "Priced like the market"): the model's mid credit within ±15 % of the real mid credit, and both
/// short strikes' CBOE |delta| within 0.04 of 0.16.
@Suite(.serialized)
struct BacktestChainTests {
    /// Chain dates with wings listed (2026-03-13 is a near-the-money excerpt).
    static let dates = ["20210615", "20220218", "20220610", "20230207", "20230315", "20230818", "20240105", "20250106"]
    static let tenors = [14, 28, 42]

    /// The condors that miss a target, and why (the same expiries `alvh calc chain-fit` misses on
    /// that date, README "Priced like the market"): on 2025-01-06 SPX options were cheap against
    /// VIX/VIX3M (the model's 16-delta call vol 10–15 % above the real one), and the exchange was
    /// closed on 2025-01-09, one trading day fewer than the model's calendar days count. The credit
    /// is 17 % and 21 % above the real one; the deltas are within target.
    static let knownMisses: Set<String> = ["2025-01-06 14d 2025-01-24", "2025-01-06 42d 2025-02-21"]

    struct Check: CustomStringConvertible {
        var key: String
        var strikes: [Decimal]
        var modelMid: Double
        var realMid: Double
        var putDelta: Double
        var callDelta: Double
        var ratio: Double { modelMid / realMid }
        var meets: Bool { abs(ratio - 1) <= 0.15 && abs(putDelta - 0.16) <= 0.04 && abs(callDelta - 0.16) <= 0.04 }
        var description: String {
            "\(key) \(strikes.map { "\($0)" }.joined(separator: "/")): model mid \(modelMid), real mid \(realMid), "
                + "ratio \((ratio * 1000).rounded() / 1000), CBOE |delta| \(putDelta) / \(callDelta)\(meets ? "" : " MISS")"
        }
    }

    static func history() throws -> [MarketDay]? {
        guard let spx = SharedData.file("spx_daily.csv"), let vix = SharedData.file("vix_daily.csv"),
              let vix3m = SharedData.file("vix3m_daily.csv"), let vix9d = SharedData.file("vix9d_daily.csv") else { return nil }
        return DailyBarFile.join(spx: try DailyBarFile.closes(contentsOf: spx), vix: try DailyBarFile.closes(contentsOf: vix),
                                 vix3m: try DailyBarFile.closes(contentsOf: vix3m), vix9d: try DailyBarFile.closes(contentsOf: vix9d))
    }

    /// The condor a backtest opens on `day` at `tenor` days, checked against `chain`.
    static func check(day: CalendarDay, tenor: Int, history: [MarketDay], chain: OptionChain) throws -> Check? {
        let days = Array(history.filter { $0.date <= day }.suffix(61))
        let parameters = BacktestParameters(portfolio: "chain-\(day)-\(tenor)", policy: .fixed, entryDaysToExpiry: tenor, entryWeekday: day.isoWeekday)
        let ledger = BacktestLedger(store: nil)
        let result = try Backtest(parameters: parameters).run(days: days, from: day, calendar: nil, ledger: ledger)
        #expect(result.sessions == 1 && result.condorsOpened == 1, "\(day) \(tenor): \(result.skippedEntries)")
        let opened = try #require(ledger.memory.appended.lazy.compactMap { if case .condorOpened(let o) = $0.event { o } else { nil } }.first)
        let legs = try #require(opened.strikes)
        // A chain file is an excerpt: not every expiry, nor every strike, is in it.
        guard let expiry = chain.preferredExpiries.first(where: { $0.expiry == legs.expiry.calendarDay }) else {
            print("\(day) \(tenor)d \(legs.expiry): expiry not in the chain file")
            return nil
        }
        let strikes = [legs.longPut!, legs.shortPut!, legs.shortCall!, legs.longCall!]  // the backtest opens iron condors: every side
        let double = strikes.map { NSDecimalNumber(decimal: $0).doubleValue }
        guard let longPut = expiry.quote(.put, at: double[0]), let shortPut = expiry.quote(.put, at: double[1]),
              let shortCall = expiry.quote(.call, at: double[2]), let longCall = expiry.quote(.call, at: double[3]),
              [longPut, shortPut, shortCall, longCall].allSatisfy(\.hasRealBid) else {
            print("\(day) \(tenor)d \(legs.expiry) \(strikes): a strike without a real bid in the chain file")
            return nil
        }
        // The fill is the model's mid less the default slippage of 0.10 a leg.
        let modelMid = NSDecimalNumber(decimal: opened.credit).doubleValue + 4 * 0.10
        return Check(key: "\(day) \(tenor)d \(legs.expiry)", strikes: strikes, modelMid: modelMid,
                     realMid: shortPut.mid + shortCall.mid - longPut.mid - longCall.mid, putDelta: abs(shortPut.delta), callDelta: abs(shortCall.delta))
    }

    @Test func condorsTheBacktestOpensOnChainDatesArePricedLikeTheChain() throws {
        guard let history = try Self.history() else {
            print("SKIPPED condorsTheBacktestOpensOnChainDatesArePricedLikeTheChain: ../shared/data is absent beside the package")
            return
        }
        var checks: [Check] = []
        for date in Self.dates {
            let file = try #require(SharedData.file("spx_chains/spx_chain_\(date).csv"))
            let chain = try ChainFile.read(file.path)
            for tenor in Self.tenors {
                if let check = try Self.check(day: chain.quoteDate, tenor: tenor, history: history, chain: chain) { checks.append(check) }
            }
        }
        print(checks.map(\.description).joined(separator: "\n"))
        // Of the 24 condors, 12 can be checked: the others have a strike without a real bid in the
        // file (2021-06-15 and 2022-06-10 list no wings that far out) or an expiry the file omits.
        #expect(checks.count == 12)
        for check in checks {
            #expect(check.meets == !Self.knownMisses.contains(check.key), "\(check)")
        }
    }
}

/// The backtest's schedule follows the exchange calendar (issue 14 point 6).
struct BacktestScheduleTests {
    /// `alvh backtest --dte 70` on Friday 2022-02-04: 70 days on is Friday 2022-04-15, Good Friday, a
    /// holiday; SPX options of that week expire on Thursday 2022-04-14, and so does the condor.
    @Test func anEntryWhoseFridayIsAHolidayExpiresTheThursdayBefore() throws {
        guard let history = try BacktestChainTests.history() else {
            print("SKIPPED anEntryWhoseFridayIsAHolidayExpiresTheThursdayBefore: ../shared/data is absent beside the package")
            return
        }
        let day = CalendarDay(year: 2022, month: 2, day: 4)!
        let days = Array(history.filter { $0.date <= day }.suffix(61))
        let ledger = BacktestLedger(store: nil)
        let parameters = BacktestParameters(portfolio: "good-friday", entryDaysToExpiry: 70, entryWeekday: 5)
        let result = try Backtest(parameters: parameters).run(days: days, from: day, calendar: nil, ledger: ledger)
        #expect(result.condorsOpened == 1)
        let opened = try #require(ledger.memory.appended.lazy.compactMap { if case .condorOpened(let o) = $0.event { o } else { nil } }.first)
        #expect(opened.expiry == CalendarDate(iso: "2022-04-14")!)
    }

    /// Sessions are the data's trading days: a synthetic market's weekday that is an exchange holiday
    /// is not a session (nothing is marked or decided on it), and every mark is at the session's close,
    /// 13:00 New York on an early close.
    @Test func sessionsAreExchangeTradingDaysClosingAtTheirClose() throws {
        let start = CalendarDay(year: 2024, month: 9, day: 2)!
        let all = SyntheticMarket(seed: 5).days(start: start, sessions: 110)
        let from = all[60].date
        let ledger = BacktestLedger(store: nil)
        let result = try Backtest(parameters: BacktestParameters(portfolio: "holidays")).run(days: all, from: from, calendar: nil, ledger: ledger)
        let marks = Set(ledger.memory.appended.compactMap { if case .marketObserved = $0.event { $0.occurredAt } else { nil } })
        let sessions = Backtest.sessions(all).filter { $0.date >= from }
        #expect(result.sessions == marks.count && marks.count == sessions.count)
        #expect(marks == Set(sessions.map { Backtest.closeInstant($0.date) }))
        for holiday in [(2024, 11, 28), (2024, 12, 25), (2025, 1, 1), (2025, 1, 9), (2025, 1, 20)] {
            let day = CalendarDay(year: holiday.0, month: holiday.1, day: holiday.2)!
            #expect(all.contains { $0.date == day } && !sessions.contains { $0.date == day }, "\(day) is a weekday of the data, not a session")
        }
        let christmasEve = CalendarDay(year: 2024, month: 12, day: 24)!
        let close = try #require(ExchangeCalendar.nyse.closeInstant(on: christmasEve))
        #expect(marks.contains(close) && Backtest.closeInstant(christmasEve) == close)
        let monday = Backtest.closeInstant(CalendarDay(year: 2024, month: 12, day: 23)!)
        #expect(close == monday.addingTimeInterval(86_400 - 3 * 3600), "13:00 New York, three hours before a regular close")
    }
}
