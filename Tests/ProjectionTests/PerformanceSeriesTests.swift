import EventStore
import Finance
import Foundation
import Ledger
import Projections
import Testing
import TestSupport

/// A small ledger whose daily series and statistics are computed by hand (issue 17, point 4): two
/// SPX condors 4900/4950/5300/5350 (W = 50, multiplier 100) expiring 2026-03-20 and one VIX future
/// layer, marked at the close of five sessions. Every mark quotes the four legs (only the 4950 put
/// is worth anything), so a condor's value per unit is that put's mid, exactly.
///
/// | session (NY) | what happened before the mark | 4950 P | VX Feb | cumulative P&L | start capital | days |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | 01-05 Mon | open A 1 lot at 10.00, fees 2 (capital (50 − 10) × 100 = 4,000) | 9.00 | | A 998 − 900 = 98 | 4,000 | 1 |
/// | 01-06 Tue | open B 2 lots at 8.00, fees 4 (8,400); buy 1 VX Feb at 20.00, fees 1 (margin 10,000; basis 20,001); a 10:30 mark (ignored: the day's last mark counts) | 7.00 | 21.00 | A 298 + B 1,596 − 1,400 = 196 + layer 21,000 − 20,001 = 999 → 1,493 | 4,000 + 8,400 + 10,000 = 22,400 | 1 |
/// | 01-07 Wed | close A at 5.00, fees 1: A realized 998 − 500 − 1 = 497 | 6.00 | 19.50 | 497 + 396 − 501 = 392 | 22,400 | 1 |
/// | 01-09 Fri | close the layer at 22.00, fees 1: 22,000 − 1 − 20,001 = 1,998 | 8.00 | | 497 − 4 + 1,998 = 2,491 | 8,400 + 10,000 = 18,400 | 2 |
/// | 01-12 Mon | close B at 3.00, fees 2: 1,596 − 600 − 2 = 994 | | | 497 + 994 + 1,998 = 3,489 | 8,400 | 3 |
@Suite("Performance series and statistics, by hand", .serialized)
struct PerformanceSeriesTests {
    static let portfolio = "hand"
    static let pnl: [Decimal] = [98, 1395, -1101, 2099, 998]
    static let capital: [Decimal] = [4000, 22400, 22400, 18400, 8400]
    static let dates = ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-09", "2026-01-12"]

    /// The commands, in order (`alvh` name and tokens).
    static func commands(a: UUID, b: UUID, layer: UUID, capital: String? = nil) -> [(String, [String])] {
        func open(_ id: UUID, contracts: String, credit: String, fees: String, at: String) -> (String, [String]) {
            ("condor open", ["--id", id.uuidString, "--portfolio", portfolio, "--underlying", "SPX", "--expiry", "2026-03-20",
                             "--long-put", "4900", "--short-put", "4950", "--short-call", "5300", "--long-call", "5350",
                             "--contracts", contracts, "--credit", credit, "--fees", fees, "--at", at])
        }
        func mark(_ at: String, put: String, vx: String?) -> (String, [String]) {
            var tokens = ["--at", at, "--spx", "5100", "--vix", "18", "--quote", "2026-03-20 P 4900=0/0", "--quote", "2026-03-20 P 4950=\(put)/\(put)",
                          "--quote", "2026-03-20 C 5300=0/0", "--quote", "2026-03-20 C 5350=0/0"]
            if let vx { tokens += ["--vx", "2026-02=\(vx)"] }
            return ("mark", tokens)
        }
        var list: [(String, [String])] = [
            open(a, contracts: "1", credit: "10", fees: "2", at: "2026-01-05T20:00:00Z"),
            mark("2026-01-05T21:00:00Z", put: "9", vx: nil),
            open(b, contracts: "2", credit: "8", fees: "4", at: "2026-01-06T15:00:00Z"),
            ("hedge add", ["--id", layer.uuidString, "--portfolio", portfolio, "--instrument", "VX 2026-02", "--quantity", "1", "--price", "20",
                           "--fees", "1", "--at", "2026-01-06T16:00:00Z"]),
            mark("2026-01-06T15:30:00Z", put: "30", vx: "30"),
            mark("2026-01-06T21:00:00Z", put: "7", vx: "21"),
            ("condor close", [a.uuidString, "--price", "5", "--fees", "1", "--at", "2026-01-07T17:00:00Z"]),
            mark("2026-01-07T21:00:00Z", put: "6", vx: "19.5"),
            ("hedge close", [layer.uuidString, "--price", "22", "--fees", "1", "--at", "2026-01-09T15:00:00Z"]),
            mark("2026-01-09T21:00:00Z", put: "8", vx: nil),
            ("condor close", [b.uuidString, "--price", "3", "--fees", "2", "--at", "2026-01-12T20:00:00Z"]),
            mark("2026-01-12T21:00:00Z", put: "1", vx: nil),
        ]
        if let capital { list.insert(("portfolio set", [portfolio, "--capital", capital]), at: 1) }
        return list
    }

    /// The commands decided and appended in memory, as a backtest does.
    static func inMemory(capital: String? = nil) throws -> (ledger: InMemoryLedger, a: UUID, b: UUID) {
        let ledger = InMemoryLedger()
        let (a, b, layer) = (UUID(), UUID(), UUID())
        for (index, (name, tokens)) in commands(a: a, b: b, layer: layer, capital: capital).enumerated() {
            let context = CommandContext(commandID: UUID(), actor: "tester", toolVersion: "test", now: Date(timeIntervalSince1970: 1_767_225_600 + Double(index)))
            let command = try LedgerCommand.parse(name: name, arguments: CommandArguments(tokens: tokens))
            try ledger.append(try LedgerDecider(reader: ledger, context: context).decide(command).appends)
        }
        return (ledger, a, b)
    }

    static func returns(on base: [Decimal]) -> [Double] {
        zip(pnl, base).map { NSDecimalNumber(decimal: $0 / $1).doubleValue }
    }

    @Test func dailySeriesOnCapitalAtRisk() throws {
        let (ledger, _, _) = try Self.inMemory()
        let series = try PerformanceSeries.recorded(events: ledger.appended, portfolio: Self.portfolio)
        #expect(series.path == .alvh)
        #expect(series.accountSize == nil)
        #expect(series.sessions.map(\.date.description) == Self.dates)
        #expect(series.sessions.map(\.pnl) == Self.pnl)
        #expect(series.sessions.map(\.cumulativePnL) == [98, 1493, 392, 2491, 3489])
        #expect(series.sessions.map(\.capitalAtRisk) == Self.capital)
        #expect(series.sessions.map(\.days) == [1, 1, 1, 2, 3])
        #expect(series.sessions.map(\.dailyReturn) == Self.returns(on: Self.capital))
        #expect(series.sessions.allSatisfy { $0.equity == nil })
    }

    @Test func statisticsByHand() throws {
        let (ledger, a, b) = try Self.inMemory()
        let series = try PerformanceSeries.recorded(events: ledger.appended, portfolio: Self.portfolio)
        let s = PerformanceStatistics.compute(series)
        #expect(s.sessions == 5)
        #expect(s.totalPnL == 3489)
        // 4,000 × 1 + 22,400 × 1 + 22,400 × 1 + 18,400 × 2 + 8,400 × 3 = 110,800 dollar-days.
        #expect(s.capitalDays == 110_800)
        #expect(s.returnOnCapitalTime == NSDecimalNumber(decimal: Decimal(3489) / 110_800 * 365).doubleValue)
        let r = Self.returns(on: Self.capital)
        #expect(s.returns == ReturnStatistics(returns: r))
        // Dollars: the peak 1,493 (01-06) fell to 392 (01-07), back above it on 01-09.
        #expect(s.drawdown == Drawdown(depth: -1101, peak: CalendarDate(iso: "2026-01-06")!, trough: CalendarDate(iso: "2026-01-07")!,
                                       recovered: CalendarDate(iso: "2026-01-09")!))
        #expect(s.longestDrawdown == LongestDrawdown(days: 3, from: CalendarDate(iso: "2026-01-06")!, to: CalendarDate(iso: "2026-01-09")!, recovered: true))
        // Percent: wealth fell by the 01-07 return alone, and it is empyrical's max drawdown.
        let percent = try #require(s.percentDrawdown)
        #expect(abs(percent.depth - r[2]) < 1e-15)
        #expect(percent.depth == s.returns.maxDrawdown)
        #expect(percent.trough.description == "2026-01-07" && percent.recovered?.description == "2026-01-09")
        // Condors: A +497 (ended 01-07), B +994 (ended 01-12): no loss, so no profit factor.
        #expect(s.condors.count == 2 && s.condors.wins == 2 && s.condors.winRate == 1)
        #expect(s.condors.profitFactor == nil)
        #expect(s.condors.expectancy == Decimal(string: "745.5"))
        #expect(s.condors.averageWin == Decimal(string: "745.5") && s.condors.averageLoss == nil)
        #expect(s.condors.worst == CondorResult(condorID: a, endedOn: CalendarDate(iso: "2026-01-07"), pnl: 497))
        #expect(s.condors.best?.condorID == b)
    }

    @Test func dateRangeAndYears() throws {
        let (ledger, _, b) = try Self.inMemory()
        let series = try PerformanceSeries.recorded(events: ledger.appended, portfolio: Self.portfolio)
        let later = PerformanceStatistics.compute(series, from: CalendarDate(iso: "2026-01-07"), to: CalendarDate(iso: "2026-01-09"))
        #expect(later.sessions == 2 && later.totalPnL == 998)
        #expect(later.capitalDays == 59_200)  // 22,400 × 1 + 18,400 × 2
        // Within the range the curve is −1,101 then +998: a drawdown from the range's start (0), recovered on 01-09.
        #expect(later.drawdown == Drawdown(depth: -1101, peak: CalendarDate(iso: "2026-01-07")!, trough: CalendarDate(iso: "2026-01-07")!,
                                           recovered: CalendarDate(iso: "2026-01-09")!))
        #expect(later.longestDrawdown == LongestDrawdown(days: 2, from: CalendarDate(iso: "2026-01-07")!, to: CalendarDate(iso: "2026-01-09")!, recovered: true))
        let firstTwo = PerformanceStatistics.compute(series, to: CalendarDate(iso: "2026-01-07"))
        #expect(firstTwo.longestDrawdown == LongestDrawdown(days: 1, from: CalendarDate(iso: "2026-01-06")!, to: CalendarDate(iso: "2026-01-07")!, recovered: false))
        #expect(firstTwo.drawdown?.recovered == nil)
        #expect(later.condors.count == 1 && later.condors.worst?.pnl == 497)
        let last = PerformanceStatistics.compute(series, from: CalendarDate(iso: "2026-01-10"))
        #expect(last.condors.worst?.condorID == b)
        let years = PerformanceStatistics.byYear(series)
        #expect(years.map(\.year) == [2026])
        #expect(years.first?.statistics == PerformanceStatistics.compute(series))
        let none = PerformanceStatistics.compute(series, from: CalendarDate(iso: "2027-01-01"))
        #expect(none.sessions == 0 && none.returnOnCapitalTime == nil && none.returns.sharpe == nil && none.drawdown == nil)
    }

    /// With an account size of 100,000 the returns are on equity at the start of each day.
    @Test func returnsOnAccountEquity() throws {
        let (ledger, _, _) = try Self.inMemory(capital: "100000")
        let series = try PerformanceSeries.recorded(events: ledger.appended, portfolio: Self.portfolio)
        #expect(series.accountSize == 100_000)
        let equity: [Decimal] = [100_000, 100_098, 101_493, 100_392, 102_491]
        #expect(series.sessions.map(\.equity) == equity)
        #expect(series.sessions.map(\.dailyReturn) == Self.returns(on: equity))
        #expect(series.sessions.map(\.capitalAtRisk) == Self.capital)
    }

    /// No risk taken: marks only, or a portfolio with nothing in it, gives no sessions and `none` ratios.
    @Test func noCapitalGivesNoRatios() throws {
        let (ledger, _, _) = try Self.inMemory()
        let series = try PerformanceSeries.recorded(events: ledger.appended, portfolio: "someone-else")
        #expect(series.sessions.isEmpty)
        let s = PerformanceStatistics.compute(series)
        #expect(s.totalPnL == 0 && s.returnOnCapitalTime == nil && s.returns.sharpe == nil && s.returns.sortino == nil && s.returns.calmar == nil)
        #expect(s.condors.winRate == nil && s.condors.profitFactor == nil && s.condors.expectancy == nil)
    }

    /// The same ledger recorded in PostgreSQL and loaded through the projection gives the same series.
    @Test func storeGivesTheSameSeries() throws {
        let l = try LedgerOnStore()
        let (a, b, layer) = (UUID(), UUID(), UUID())
        for (name, tokens) in Self.commands(a: a, b: b, layer: layer, capital: "100000") { try l.run(name, tokens) }
        let facts = try PerformanceLoader(connection: l.store.connection).facts(portfolio: Self.portfolio, book: try l.book())
        let stored = PerformanceSeries.recorded(facts)
        let (ledger, _, _) = try Self.inMemory(capital: "100000")
        let memory = try PerformanceSeries.recorded(events: ledger.appended, portfolio: Self.portfolio)
        #expect(stored.sessions == memory.sessions)
        #expect(stored.accountSize == 100_000)
        #expect(stored.condors.map(\.pnl) == [497, 994])
        // Without the projection rows (what `alvh stats` loads): the same ids, the same series.
        let positions = try PortfolioPositions.load(l.store.connection)
        #expect(positions.map(\.portfolio) == [Self.portfolio])
        #expect(positions.first?.condorIDs == [a, b] && positions.first?.layerIDs == [layer])
        let light = PerformanceSeries.recorded(try PerformanceLoader(connection: l.store.connection).facts(try #require(positions.first)))
        #expect(light.sessions == stored.sessions && light.condors == stored.condors && light.accountSize == 100_000)
        let both = try PortfolioPerformance.load(connection: l.store.connection, positions: positions, rule: .standard)
        #expect(both.first?.alvh.sessions == stored.sessions && both.first?.fixed?.sessions.count == stored.sessions.count)
    }

    /// The running peak behind every drawdown: the statistics' deepest and longest, and the report's
    /// underwater curve.
    @Test func runningPeakAndUnderwater() throws {
        let d = (1...5).map { CalendarDate(year: 2026, month: 1, day: $0)! }
        let curve: [(CalendarDate, Decimal)] = [(d[0], 100), (d[1], 50), (d[2], 120), (d[3], 90), (d[4], 95)]
        #expect(RunningPeak.underwater(curve) == [0, -50, 0, -30, -25])
        #expect(RunningPeak.underwater([(d[0], -10), (d[1], 5)]) == [-10, 0], "the peak starts at zero: a first loss is under water")
        var peak = RunningPeak(start: Decimal(0), on: d[0])
        #expect(peak.see(100, on: d[0]) && !peak.see(50, on: d[1]) && peak.see(100, on: d[2]))
        #expect(peak.peak == 100 && peak.peakDate == d[2], "a point back at the peak is the peak's new date")
    }
}

/// The fixed rule's path of the same two condors (standard rule: take profit at ≤ 0.5 × C, stop at
/// ≥ 3 × C; the feed's standard model: fills at mid ± 0.10 per leg, the condor's own fees per four
/// legs). It sees every mark: the 15:30 mark of 01-06 (the 4950 put at 30.00) stops both condors —
/// A (C 10, stop at 30): buys back at 30 + 4 × 0.10 = 30.40: 998 − 3,040 − 2 = −2,044;
/// B (C 8, stop at 24): 1,596 − 6,080 − 4 = −4,488. Sessions: 01-05 +98 (A at 9.00, capital 4,000),
/// 01-06 −6,630 (capital 4,000 + 8,400), then nothing held (returns 0, capital 0).
@Suite("Performance series: the fixed rule's path", .serialized)
struct FixedPathSeriesTests {
    @Test func fixedPathByHand() throws {
        let (ledger, a, b) = try PerformanceSeriesTests.inMemory()
        let facts = try PortfolioFacts(events: ledger.appended, portfolio: PerformanceSeriesTests.portfolio)
        let series = PerformanceSeries.fixed(facts, rule: .standard)
        #expect(series.path == .fixed)
        #expect(series.sessions.map(\.date.description) == PerformanceSeriesTests.dates)
        #expect(series.sessions.map(\.pnl) == [98, -6630, 0, 0, 0])
        #expect(series.sessions.map(\.capitalAtRisk) == [4000, 12400, 0, 0, 0])
        #expect(series.sessions.map(\.dailyReturn) == [98.0 / 4000, NSDecimalNumber(decimal: Decimal(-6630) / 12400).doubleValue, 0, 0, 0])
        #expect(series.condors == [CondorResult(condorID: a, endedOn: CalendarDate(iso: "2026-01-06"), pnl: -2044),
                                   CondorResult(condorID: b, endedOn: CalendarDate(iso: "2026-01-06"), pnl: -4488)])
        let s = PerformanceStatistics.compute(series)
        #expect(s.totalPnL == -6532 && s.capitalDays == 16_400)
        #expect(s.condors.winRate == 0 && s.condors.profitFactor == 0 && s.condors.worst?.condorID == b)
    }

    /// In PostgreSQL: the series' fixed condor results are `alvh decisions`' whole-trade fixed P&L
    /// (one engine), and `PortfolioPerformance` carries both paths.
    @Test func fixedPathMatchesTheDecisionReport() throws {
        let l = try LedgerOnStore()
        let (a, b, layer) = (UUID(), UUID(), UUID())
        for (name, tokens) in PerformanceSeriesTests.commands(a: a, b: b, layer: layer) { try l.run(name, tokens) }
        let book = try l.book()
        let performance = try #require(try PortfolioPerformance.load(connection: l.store.connection, book: book).first)
        let fixed = try #require(performance.fixed)
        let report = try DecisionReport.build(store: l.store, book: book, condors: book.condors, rule: .standard)
        let trades = Dictionary(uniqueKeysWithValues: report.lines.filter { $0.kind == "trade" }.map { ($0.condorID, $0.fixedPnL) })
        #expect(fixed.condors.count == 2)
        for condor in fixed.condors { #expect(trades[condor.condorID] == condor.pnl) }
        #expect(performance.alvh.sessions.last?.cumulativePnL == 3489)
    }
}
