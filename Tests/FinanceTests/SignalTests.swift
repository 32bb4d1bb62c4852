import Foundation
import Testing
@testable import Finance

@Suite("Signals")
struct SignalTests {
    @Test("EMA: a constant stays constant; a hand-computed series")
    func ema() {
        #expect(ExponentialMovingAverage.series([7, 7, 7, 7], span: 12) == [7, 7, 7, 7])
        // span 3 → α = 0.5.
        #expect(ExponentialMovingAverage.series([1, 2, 3], span: 3) == [1, 1.5, 2.25])
        #expect(ExponentialMovingAverage.series([], span: 5).isEmpty)
    }

    @Test("MACD: zero on a constant; hand-checked with spans 2, 3, 2")
    func macd() throws {
        let flat = MACD(Array(repeating: 20, count: 40))
        #expect(flat.line.allSatisfy { $0 == 0 } && flat.histogram.allSatisfy { $0 == 0 })
        let m = MACD([1, 2, 3, 4], fast: 2, slow: 3, signalSpan: 2)
        // EMA2: 1, 5/3, 23/9; EMA3: 1, 3/2, 9/4 → line 0, 1/6, 11/36; signal 0, 1/9, 13/54.
        let line: [Double] = [0, 1.0 / 6, 11.0 / 36]
        let signal: [Double] = [0, 1.0 / 9, 13.0 / 54]
        let histogram: [Double] = [0, 1.0 / 18, 7.0 / 108]
        for i in 0..<3 {
            #expect(abs(m.line[i] - line[i]) < 1e-15)
            #expect(abs(m.signal[i] - signal[i]) < 1e-15)
            #expect(abs(m.histogram[i] - histogram[i]) < 1e-15)
        }
        #expect(m.line.count == 4)
        // A steady fall then a rally: the histogram is negative during the fall and turns positive
        // once, after the trough; `histogramTurnedPositive` fires exactly at that session.
        let path = (0..<30).map { 40 - Double($0) } + (1...15).map { 11 + 2 * Double($0) }
        let full = MACD(path)
        #expect(full.histogram[1..<30].allSatisfy { $0 < 0 })
        let turn = try #require(full.histogram.firstIndex { $0 > 0 })
        #expect(turn >= 30)
        #expect(MACD(Array(path[...turn])).histogramTurnedPositive)
        #expect(!MACD(Array(path[..<turn])).histogramTurnedPositive)
    }

    @Test("RSI(14): 100 when strictly rising, 0 when strictly falling, 50 when flat; Wilder smoothing by hand")
    func rsi() throws {
        let rising = (0..<30).map(Double.init)
        let series = RelativeStrengthIndex.series(rising)
        #expect(series.prefix(14).allSatisfy { $0 == nil })
        #expect(series.dropFirst(14).allSatisfy { $0 == 100 })
        #expect(RelativeStrengthIndex.latest(rising.reversed()) == 0)
        #expect(RelativeStrengthIndex.latest(Array(repeating: 5, count: 20)) == 50)
        #expect(RelativeStrengthIndex.latest(Array(repeating: 5, count: 14)) == nil)
        // Period 2 on 1, 2, 1, 2: first averages 0.5/0.5 → 50; then gain (0.5 + 1)/2 = 0.75,
        // loss (0.5 + 0)/2 = 0.25 → RS 3 → 75.
        let hand = RelativeStrengthIndex.series([1, 2, 1, 2], period: 2)
        #expect(hand[2] == 50)
        #expect(abs(try #require(hand[3]) - 75) < 1e-12)
    }

    @Test("20-day realized vol: sample std of log returns × √252")
    func realizedVol() throws {
        var closes: [Double] = [100]
        for i in 0..<20 { closes.append(closes.last! * exp(i % 2 == 0 ? 0.01 : -0.01)) }
        let vol = try #require(RealizedVolatility.latest(closes))
        #expect(abs(vol - (20 * 1e-4 / 19 * 252).squareRoot()) < 1e-12)
        #expect(RealizedVolatility.latest(Array(closes.prefix(20))) == nil)
        #expect(abs(try #require(RealizedVolatility.latest(Array(repeating: 4000, count: 25)))) == 0)
        let rolling = RealizedVolatility.series(closes)
        #expect(rolling.prefix(20).allSatisfy { $0 == nil } && rolling[20] == vol)
    }

    @Test("term structure ratio and advance-decline trend")
    func termStructureAndBreadth() throws {
        let inverted = try #require(TermStructure(near: 32, far: 28))
        #expect(inverted.isBackwardation && abs(inverted.ratio - 32.0 / 28) < 1e-15)
        #expect(try #require(TermStructure(near: 14, far: 16.5)).isContango)
        #expect(TermStructure(near: 14, far: 0) == nil)
        #expect(AdvanceDeclineTrend(line: [100, 150, 210, 260])?.direction == .rising)
        #expect(AdvanceDeclineTrend(netAdvances: [-300, -200, -250])?.direction == .falling)
        #expect(AdvanceDeclineTrend(line: [5, 5, 5])?.direction == .flat)
        #expect(AdvanceDeclineTrend(line: [5]) == nil)
    }
}

@Suite("Event calendar")
struct EventCalendarTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    @Test("parses us_macro_events.csv and answers the next FOMC/CPI")
    func macroEvents() throws {
        let text = try #require(OracleFiles.text("us_macro_events.csv", in: "data"))
        let calendar = try EventCalendar(csv: text)
        #expect(calendar.events.count == 752)
        #expect(calendar.events.filter { $0.kind == .fomc }.count == 189)
        let next = try #require(calendar.next(onOrAfter: Self.day("2026-01-14")))
        #expect(next.date == Self.day("2026-01-28") && next.kind == .fomc && next.timeET == "14:00")
        // NFP is not watched by default; CPI on the day itself counts.
        #expect(calendar.next(onOrAfter: Self.day("2026-01-13"))?.kind == .cpi)
        #expect(calendar.daysUntilNext(from: Self.day("2026-01-13")) == 0)
        #expect(calendar.next(onOrAfter: Self.day("2026-01-01"), kinds: [.nfp])?.date == Self.day("2026-01-09"))
        // 2020-03-06 (Friday) → 2020-03-11 CPI (Wednesday): 5 days, 3 sessions (Mon, Tue, Wed).
        #expect(calendar.daysUntilNext(from: Self.day("2020-03-06")) == 5)
        #expect(calendar.sessionsUntilNext(from: Self.day("2020-03-06")) == 3)
        #expect(calendar.sessionsUntilNext(from: Self.day("2020-03-06"), holidays: [Self.day("2020-03-09")]) == 2)
        #expect(calendar.next(onOrAfter: Self.day("2030-01-01")) == nil)
    }

    @Test("parses fomc_dates.csv (event column) and cpi_release_dates.csv (default kind)")
    func otherFiles() throws {
        let fomc = try EventCalendar(csv: try #require(OracleFiles.text("fomc_dates.csv", in: "data")))
        #expect(fomc.events.count == 232)
        #expect(fomc.events.filter { $0.kind == .fomc }.count == 223)
        #expect(fomc.events.filter { $0.kind == .fomcIntermeeting }.count == 9)
        // The March 2020 emergency actions are intermeeting: the next scheduled decision is 2020-04-29.
        #expect(fomc.next(onOrAfter: Self.day("2020-03-02"))?.date == Self.day("2020-04-29"))
        #expect(fomc.next(onOrAfter: Self.day("2020-03-02"), kinds: [.fomcIntermeeting])?.date == Self.day("2020-03-03"))
        let cpiText = try #require(OracleFiles.text("cpi_release_dates.csv", in: "data"))
        #expect(throws: FinanceError.self) { try EventCalendar(csv: cpiText) }
        let cpi = try EventCalendar(csv: cpiText, defaultKind: .cpi)
        #expect(cpi.events.count == 283 && cpi.events.allSatisfy { $0.kind == .cpi })
        let both = fomc.merged(with: cpi)
        #expect(both.next(onOrAfter: Self.day("2026-01-14"))?.date == Self.day("2026-01-28"))
    }

    @Test("lenient about extra columns; a bad date names its line")
    func leniencyAndErrors() throws {
        let calendar = try EventCalendar(csv: "note,Date,TYPE,extra\nx,2024-05-15,ppi,1\n\ny,2024-05-10,cpi,2\n")
        #expect(calendar.events.map(\.kind) == [.cpi, .ppi])
        do {
            _ = try EventCalendar(csv: "date,type\n2024-01-01,CPI\n2024-13-01,PPI\n")
            Issue.record("no error")
        } catch let error as FinanceError {
            #expect(error.field == "line 3: date")
        }
    }
}
