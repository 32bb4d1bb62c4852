import Finance
import Testing
@testable import Strategy

struct SyntheticMarketTests {
    let start = CalendarDay(year: 2020, month: 1, day: 1)!

    @Test func sameSeedSameMarketOtherSeedOtherMarket() {
        let a = SyntheticMarket(seed: 42).days(start: start, sessions: 504)
        let b = SyntheticMarket(seed: 42).days(start: start, sessions: 504)
        let c = SyntheticMarket(seed: 43).days(start: start, sessions: 504)
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 504)
        #expect(a.allSatisfy { $0.date.isWeekday })
        #expect(zip(a, a.dropFirst()).allSatisfy { $0.date < $1.date })
        // A longer run starts with the same days: extending a backtest keeps its history.
        #expect(Array(SyntheticMarket(seed: 42).days(start: start, sessions: 600).prefix(504)) == a)
    }

    @Test func volatilityLooksLikeTheRealOne() {
        var inverted = 0, days = 0
        var vixes: [Double] = []
        for seed in UInt64(1)...4 {
            let market = SyntheticMarket(seed: seed).days(start: start, sessions: 1260)
            for day in market {
                days += 1
                vixes.append(day.vix)
                if day.vix > day.vix3m! { inverted += 1 }
                #expect(day.vix >= 9 && day.vix < 150 && day.spx > 0)
            }
        }
        vixes.sort()
        let median = vixes[vixes.count / 2]
        print("synthetic: median VIX \(median), 95th \(vixes[vixes.count * 95 / 100]), inverted \(inverted) of \(days)")
        #expect(median > 12 && median < 24, "median VIX \(median)")
        #expect(vixes[vixes.count * 95 / 100] > median + 5, "spikes exist")
        // Contango most of the time, backwardation in stress (real VIX/VIX3M > 1 on roughly 10–20 % of days).
        #expect(inverted > days / 50 && inverted < days / 3, "inverted \(inverted) of \(days)")
    }

    @Test func calendarHasEightFOMCAndMonthlyCPIAndPPI() {
        let calendar = SyntheticMarket.calendar(from: CalendarDay(year: 2021, month: 1, day: 1)!, to: CalendarDay(year: 2021, month: 12, day: 31)!)
        let in2021 = calendar.events.filter { $0.date.components.year == 2021 }
        #expect(in2021.filter { $0.kind == .fomc }.count == 8)
        #expect(in2021.filter { $0.kind == .cpi }.count == 12)
        #expect(in2021.filter { $0.kind == .ppi }.count == 12)
        #expect(in2021.allSatisfy { $0.date.isWeekday })
        #expect(in2021.filter { $0.kind == .fomc }.allSatisfy { $0.date.isoWeekday == 3 })
    }
}
