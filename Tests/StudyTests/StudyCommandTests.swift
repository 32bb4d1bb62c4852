@testable import ALVHCLI
import EventStore
import Finance
import Foundation
import Ledger
import Strategy
@testable import Study
import TestSupport
import Testing

/// `alvh study` end to end through the built `alvh` (its own stdout, whatever other suites print), and a candidate against `alvh backtest` on a real database.
@Suite(.serialized)
struct StudyCommandTests {
    static let window = ["--synthetic", "--years", "1", "--start", "2024-01-01", "--train", "2024-01-01..2024-06-28", "--test", "2024-07-01..2024-12-13"]
    static let grid = ["--grid", "take-profit=0.4,0.6", "--grid", "threatened-delta=0.25,0.35"]

    @Test("stdout is byte-identical for 1 and 2 workers; progress and timings only on stderr; JSON and CSV agree with it")
    func deterministicOutput() throws {
        let one = ALVHProcess.run(["study"] + Self.window + Self.grid + ["--workers", "1", "--top", "2"])
        let two = ALVHProcess.run(["study"] + Self.window + Self.grid + ["--workers", "2", "--top", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.contains("window 1: train 2024-01-01..2024-06-28, test 2024-07-01..2024-12-13"))
        #expect(one.stdout.contains("alvh: 4 candidate(s)") && one.stdout.contains("fixed: 2 candidate(s)"))
        #expect(one.stdout.contains("candidates tried") && one.stdout.contains("deflated Sharpe out"))
        #expect(!one.stdout.contains("backtests/s") && one.stderr.contains("study: 10 backtests in"), "6 train runs, 2 × 2 test runs")

        let json = ALVHProcess.run(["--json", "study"] + Self.window + Self.grid + ["--top", "2"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let stitched = try #require(object["stitched"] as? [[String: Any]])
        #expect(stitched.map { $0["policy"] as? String } == ["alvh", "fixed"])
        #expect(stitched.map { $0["candidates_tried"] as? Int } == [4, 2])
        let csv = ALVHProcess.run(["study", "--csv"] + Self.window + Self.grid + ["--top", "2"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "row,window,train,test,policy,rank,candidate,objective_in,objective_out,pnl_in,pnl_out,deflated_sharpe")
        #expect(lines.count == 1 + 4 + 2, "2 ranks × 2 policies, 2 stitched rows")
    }

    @Test("bad input: the flag and the rule, exit 2")
    func badInput() {
        func status(_ extra: [String]) -> (Int32, String) {
            let run = OutputCapture.capture { ALVHMain.run(["study"] + extra) }
            return (run.value, run.stderr)
        }
        let cases: [([String], String)] = [
            (Self.window + ["--grid", "stop=1,,2"], "--grid stop: has an empty value"),
            (Self.window + ["--grid", "hedge-ratio=1"], "--grid: unknown parameter 'hedge-ratio'; valid names:"),
            (Self.window + ["--grid", "threatened-delta=x"], "--grid threatened-delta: 'x' is not valid"),
            (Self.window + ["--objective", "sortino"], "--objective: must be one of return-on-capital-time, sharpe, calmar, pnl"),
            (Self.window + ["--policy", "sometimes"], "--policy: must be alvh, fixed or both"),
            (["--synthetic", "--years", "1", "--start", "2024-01-01", "--train", "2024-01-01..2024-08-30", "--test", "2024-07-01..2024-12-13"],
             "--test: 2024-07-01..2024-12-13 overlaps the train window"),
            (["--synthetic", "--years", "1", "--start", "2024-01-01", "--train", "2023-01-01..2024-06-28", "--test", "2024-07-01..2024-12-13"],
             "--train: 2023-01-01..2024-06-28 falls outside the data"),
            (["--synthetic", "--years", "1", "--walk-forward", "--train-years", "2", "--test-years", "1"], "--train-years: 2 year(s) of training leave no test window"),
            (["--synthetic", "--years", "1", "--walk-forward", "--test-years", "1"], "--train-years: is required with --walk-forward"),
            (["--synthetic", "--years", "1"], "--train: is required"),
            (["--spx", "/nonexistent.csv", "--vix", "/nonexistent.csv", "--walk-forward", "--train-years", "1", "--test-years", "1"], "--spx: cannot read"),
        ]
        for (arguments, message) in cases {
            let (code, stderr) = status(arguments)
            #expect(code == 2, "\(arguments)")
            #expect(stderr.contains(message), "\(stderr)")
        }
    }

    @Test("a file with a gap the study cannot bridge is refused with the dates")
    func gapInTheFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = ["date,open,high,low,close"]
        var day = CalendarDay(iso: "2024-01-01")!
        while day < CalendarDay(iso: "2024-12-31")! {
            // Three weeks of October missing.
            if day.isWeekday, !(day >= CalendarDay(iso: "2024-10-07")! && day <= CalendarDay(iso: "2024-10-25")!) { rows.append("\(day),1,1,1,5000") }
            day = day.adding(days: 1)
        }
        try rows.joined(separator: "\n").write(to: dir.appendingPathComponent("spx.csv"), atomically: true, encoding: .utf8)
        try rows.joined(separator: "\n").replacingOccurrences(of: ",5000", with: ",15").write(to: dir.appendingPathComponent("vix.csv"), atomically: true, encoding: .utf8)
        let run = OutputCapture.capture {
            ALVHMain.run(["study", "--spx", dir.appendingPathComponent("spx.csv").path, "--vix", dir.appendingPathComponent("vix.csv").path,
                          "--train", "2024-04-01..2024-08-30", "--test", "2024-09-02..2024-12-30"])
        }
        #expect(run.value == 2)
        #expect(run.stderr.contains("--spx/--vix: no session with both SPX and VIX between 2024-10-04 and 2024-10-28 (24 days)"), "\(run.stderr)")
    }

    @Test("a candidate is the backtest `alvh backtest` records: the same figures from the in-memory run and from the store")
    func candidateIsTheRecordedBacktest() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        #expect(ALVHMain.run(["backtest", "--database", database.connectionString, "--synthetic", "--seed", "5", "--years", "0.5",
                              "--start", "2024-01-01", "--portfolio", "study"]) == 0)
        var events: [LedgerStreamEvent] = []
        var position: Int64 = 0
        while true {
            let page = try store.readAll(after: position, limit: 5000)
            guard let last = page.last else { break }
            events += try page.map(LedgerStreamEvent.init(recorded:))
            position = last.globalPosition
        }
        let input = BacktestCommand.synthetic(seed: 5, years: 0.5, start: CalendarDay(iso: "2024-01-01")!, calendar: nil)
        let memory = try CandidateBacktest(days: input.days, calendar: input.calendar)
            .run(BacktestParameters(portfolio: "study"), over: DateSpan(from: input.from!, to: input.days.last!.date))
        let recorded = StudyMeasurement.figures(events: events)
        #expect(memory.condors > 20 && memory.dates.count == 120, "half a year of sessions: 126 weekdays less 6 NYSE holidays")
        #expect(recorded == memory)
    }
}
