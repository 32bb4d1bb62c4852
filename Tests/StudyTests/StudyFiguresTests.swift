import EventStore
import Finance
import Foundation
import Ledger
import Projections
@testable import Study
import Testing

/// A study's figures from the performance series of a small ledger worked by hand: a condor, a hedge layer, the marks.
@Suite("Study figures")
struct StudyFiguresTests {
    final class Ledger {
        let memory = InMemoryLedger()
        func run(_ name: String, _ tokens: [String]) throws {
            let context = CommandContext(commandID: UUID(), actor: "tester", toolVersion: "test", now: Date(timeIntervalSince1970: 1_767_225_600))
            let command = try LedgerCommand.parse(name: name, arguments: CommandArguments(tokens: tokens))
            try memory.append(try LedgerDecider(reader: memory, context: context).decide(command).appends)
        }
        func mark(_ day: String, spx: String, vix: String = "20") throws {
            try run("mark", ["--at", "\(day)T16:00:00-05:00", "--spx", spx, "--vix", vix])
        }
    }

    static let condor = UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!
    static let layer = UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!

    /// 4900/4950/5300/5350 1-lot for 10.00 credit: capital (50 − 10) × 100 = $4,000.
    static func open(_ ledger: Ledger, at day: String) throws {
        try ledger.run("condor open", ["--id", condor.uuidString.lowercased(), "--portfolio", "p", "--underlying", "SPX", "--expiry", "2026-03-20",
                                       "--long-put", "4900", "--short-put", "4950", "--short-call", "5300", "--long-call", "5350",
                                       "--contracts", "1", "--credit", "10", "--fees", "0", "--at", "\(day)T16:00:00-05:00"])
    }

    @Test("the figures of a small ledger's performance series: P&L, capital-time, sessions, condors")
    func closedPositions() throws {
        let ledger = Ledger()
        try ledger.mark("2026-01-05", spx: "5100")
        try Self.open(ledger, at: "2026-01-05")
        try ledger.mark("2026-01-06", spx: "5050")
        // 2 VIX calls at 1.50: basis $300.
        try ledger.run("hedge add", ["--id", Self.layer.uuidString.lowercased(), "--instrument", "VIX 2026-02-18 C 25", "--quantity", "2", "--price", "1.50",
                                     "--fees", "0", "--protects", Self.condor.uuidString.lowercased(), "--at", "2026-01-06T16:00:00-05:00"])
        try ledger.mark("2026-01-07", spx: "5000")
        // Closed for 4.00: +1000 − 400 = $600; the calls sold at 2.00: 400 − 300 = $100.
        try ledger.run("condor close", [Self.condor.uuidString.lowercased(), "--price", "4", "--fees", "0", "--at", "2026-01-07T16:00:00-05:00"])
        try ledger.run("hedge close", [Self.layer.uuidString.lowercased(), "--price", "2", "--fees", "0", "--at", "2026-01-07T16:00:00-05:00"])
        try ledger.mark("2026-01-09", spx: "5010")

        let series = try PerformanceSeries.recorded(events: ledger.memory.appended, portfolio: "p")
        let f = StudyFigures(series)
        #expect(f.dates == ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-09"])
        #expect(f.pnl == 700, "everything closed: the realized $600 + $100")
        #expect(abs(f.dailyPnL.reduce(0, +) - 700) < 1e-9 && f.dailyPnL[3] == 0)
        // Start-of-day capital × days: 4000 × 1 (opened that day) + 4300 × 1 + 4300 × 1 + 0 × 2 dollar-days.
        #expect(f.capitalDays == 12_600)
        #expect(f.returnOnCapitalTime == NSDecimalNumber(decimal: Decimal(700) / 12_600 * 365).doubleValue)
        #expect(f.condors == 1 && f.dailyReturns.count == 4)
        let statistics = PerformanceStatistics.compute(series)
        #expect(f.returnOnCapitalTime == statistics.returnOnCapitalTime && f.statistics == statistics.returns && f.pnl == statistics.totalPnL)
    }

    @Test("a position still open after the last session counts at that session's mark-to-market value")
    func openAtTheEnd() throws {
        let ledger = Ledger()
        try ledger.mark("2026-01-05", spx: "5100")
        try Self.open(ledger, at: "2026-01-05")
        try ledger.mark("2026-01-06", spx: "4930", vix: "27")
        let series = try PerformanceSeries.recorded(events: ledger.memory.appended, portfolio: "p")
        let f = StudyFigures(series)
        #expect(f.pnl == series.sessions.last!.cumulativePnL)
        // SPX through the short put: the condor is worth more than the 10.00 credit, so the run has lost money.
        #expect(f.pnl < 0 && f.dailyPnL.count == 2)
        #expect((f.capitalDays - 8000).isZero, "4000 × 1 on each of the two sessions: \(f.capitalDays)")
    }

    @Test("stitching joins the windows' sessions and sums P&L and capital-time")
    func stitching() {
        var a = StudyFigures(), b = StudyFigures()
        a.dates = ["2026-01-05"]; a.dailyPnL = [10]; a.dailyReturns = [0.01]; a.pnl = 10; a.capitalDays = 1000; a.condors = 1
        b.dates = ["2026-01-06"]; b.dailyPnL = [-5]; b.dailyReturns = [-0.005]; b.pnl = -5; b.capitalDays = 1000; b.condors = 2
        let s = StudyFigures.stitched([a, b])
        #expect(s.dates == ["2026-01-05", "2026-01-06"] && s.dailyReturns == [0.01, -0.005] && s.pnl == 5 && s.capitalDays == 2000 && s.condors == 3)
        #expect(s.returnOnCapitalTime == 5.0 / 2000 * 365)
        #expect(StudyObjective.pnl.score(s) == 5)
    }
}
