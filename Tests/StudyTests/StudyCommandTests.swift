@testable import ALVHCLI
import EventStore
import Finance
import Foundation
import Ledger
import Market
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
        #expect(!one.stdout.contains("backtests/s") && one.stderr.contains("study: 12 backtests in"), "6 train runs, 2 × 2 test runs, 2 stitched accounts")

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
            let run = ALVHProcess.run(["study"] + extra)
            return (run.status, run.stderr)
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
        let run = ALVHProcess.run(["study", "--spx", dir.appendingPathComponent("spx.csv").path, "--vix", dir.appendingPathComponent("vix.csv").path,
                          "--train", "2024-04-01..2024-08-30", "--test", "2024-09-02..2024-12-30"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--spx/--vix: no session with both SPX and VIX between 2024-10-04 and 2024-10-28 (24 days)"), "\(run.stderr)")
    }

    @Test("a candidate's figures are the ones `alvh stats` prints for the same run recorded by `alvh backtest`")
    func candidateIsTheRecordedBacktest() throws {
        let database = try TestDatabase.migrated()
        #expect(ALVHMain.run(["backtest", "--database", database.connectionString, "--synthetic", "--seed", "5", "--years", "0.5",
                              "--start", "2024-01-01", "--portfolio", "study"]) == 0)
        let stats = ALVHProcess.run(["stats", "--database", database.connectionString, "--portfolio", "study", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let portfolio = try #require((object["portfolios"] as? [[String: Any]])?.first)
        let printed = try #require((portfolio["alvh"] as? [[String: Any]])?.first)

        let input = BacktestCommand.synthetic(seed: 5, years: 0.5, start: CalendarDay(iso: "2024-01-01")!, calendar: nil)
        let memory = try CandidateBacktest(days: input.days, calendar: input.calendar)
            .run(BacktestParameters(portfolio: "study"), over: DateSpan(from: input.from!, to: input.days.last!.date))
        // Half a year of marks (126 weekdays less 6 NYSE holidays); the series starts at the first condor, Monday 2024-01-08.
        #expect(memory.condors > 20 && memory.dates.count == 116 && memory.dates.first == "2024-01-08")
        #expect(printed["sessions"] as? String == "116")
        #expect(printed["first_session"] as? String == memory.dates.first && printed["last_session"] as? String == memory.dates.last)
        #expect(printed["total_pnl"] as? String == DecimalParser.format(Money.rounded(memory.pnl, scale: 2)))
        #expect(printed["capital_days"] as? String == DecimalParser.format(Money.rounded(memory.capitalDays, scale: 2)))
        let figures: [(key: String, value: Double?)] = [("return_on_capital_time", memory.returnOnCapitalTime), ("sharpe", memory.statistics.sharpe),
                                                         ("calmar", memory.statistics.calmar), ("max_drawdown_pct", memory.statistics.maxDrawdown)]
        for (key, value) in figures {
            let text = try #require(printed[key] as? String, "\(key)")
            #expect(Double(text) == value, "\(key): alvh stats \(text), study \(String(describing: value))")
        }
        #expect(StudyObjective.returnOnCapitalTime.score(memory) == memory.returnOnCapitalTime && memory.pnl != 0)
    }

    static let walkForward = ["--synthetic", "--years", "2.6", "--start", "2022-01-03", "--walk-forward", "--train-years", "1", "--test-years", "1"]

    @Test("--record: one stitched account per policy, the chosen parameters before each test window; `alvh stats` prints the study's stitched figures; a re-run writes nothing")
    func recordWritesTheStitchedAccounts() throws {
        let database = try TestDatabase.migrated()
        let arguments = ["study", "--database", database.connectionString, "--json", "--top", "1", "--record", "oos", "--grid", "take-profit=0.4,0.6"] + Self.walkForward
        let run = ALVHProcess.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("recorded oos-alvh:") && run.stderr.contains("recorded oos-fixed:"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let stitched = try #require(object["stitched"] as? [[String: Any]])
        let windows = try #require(object["windows"] as? [[String: Any]])
        #expect(windows.count == 2, "two walk-forward windows")
        let store = try database.store()
        for (index, policy) in ["alvh", "fixed"].enumerated() {
            let out = try #require(stitched[index]["out_of_sample"] as? [String: Any])
            let stats = ALVHProcess.run(["stats", "--database", database.connectionString, "--portfolio", "oos-\(policy)", "--json"])
            let printed = try #require((((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["portfolios"] as? [[String: Any]])?
                .first?["alvh"] as? [[String: Any]])?.first, "\(stats.stderr)")
            #expect(printed["total_pnl"] as? String == out["pnl"] as? String, "\(policy)")
            #expect(printed["sessions"] as? String == "\(out["sessions"] as? Int ?? -1)")
            let studied = try #require(out["return_on_capital_time"] as? Double), recorded = try #require(Double(printed["return_on_capital_time"] as? String ?? ""))
            #expect(abs(studied - recorded) <= 1e-12 * max(1, abs(studied)), "\(policy): study \(studied), stats \(recorded)")
            // Each window's choice, on the portfolio's stream at its test window's first session, names the candidate and every setting.
            let stream = try store.readStream(StreamName.portfolio("oos-\(policy)")).map(LedgerStreamEvent.init(recorded:))
            let choices = stream.compactMap { item -> StudyCandidateChosen? in if case .studyCandidateChosen(let c) = item.event { return c }; return nil }
            #expect(choices.count == 2, "\(stream.map(\.event.type))")
            for (w, choice) in choices.enumerated() {
                let policies = try #require(windows[w]["policies"] as? [[String: Any]])
                let chosen = try #require((policies[index]["best"] as? [[String: Any]])?.first?["candidate"] as? String)
                let test = try #require(windows[w]["test"] as? String)
                #expect(choice.policy == policy && choice.candidate == chosen && choice.candidatesTried == 2 && choice.objective == "return-on-capital-time")
                #expect("\(choice.testFrom)..\(choice.testTo)" == test, "\(choice.testFrom) \(test)")
                let takeProfit = chosen.replacingOccurrences(of: "take-profit=", with: "")
                #expect(choice.parameters.contains(StudyCandidateChosen.Setting(name: "fixedRule.takeProfit", value: takeProfit)), "\(choice.parameters)")
            }
            // One account: some condor opened in the first test window is still open at the second one's first session and is closed, rolled or expires in it.
            let secondFrom = try #require(choices.last?.testFrom)
            #expect(try Self.condorsCarriedOver(store, portfolio: "oos-\(policy)", into: secondFrom) > 0, "\(policy)")
        }
        let decisions = ALVHProcess.run(["decisions", "--database", database.connectionString, "--json"])
        let lines = (try JSONSerialization.jsonObject(with: Data(decisions.stdout.utf8)) as? [String: Any])?["lines"] as? [[String: Any]]
        #expect(decisions.status == 0 && (lines?.count ?? 0) > 20, "both runs' condors and decisions: \(decisions.stderr)")
        let again = ALVHProcess.run(arguments)
        #expect(again.status == 0 && again.stdout == run.stdout)
        #expect(again.stderr.contains("oos-alvh: ") && again.stderr.contains("events written 0,") && !again.stderr.contains("events written 1"), "\(again.stderr)")

        let bad = ALVHProcess.run(["study", "--database", database.connectionString, "--record", ""] + Self.window)
        #expect(bad.status == 2 && bad.stderr.contains("--record: must be 1–190 characters"), "\(bad.stderr)")
    }

    /// Condors of `portfolio` opened before `day` whose last event (close, roll or expiry) is on or after it.
    static func condorsCarriedOver(_ store: EventStore, portfolio: String, into day: CalendarDate) throws -> Int {
        var opened: [UUID: Date] = [:], lastSeen: [UUID: Date] = [:]
        var position: Int64 = 0
        while true {
            let page = try store.readAll(after: position, limit: 5000)
            guard let last = page.last else { break }
            position = last.globalPosition
            for item in try page.map(LedgerStreamEvent.init(recorded:)) {
                switch item.event {
                case .condorOpened(let e) where e.portfolio == portfolio: opened[e.condorID] = item.occurredAt
                case .condorClosed(let e): lastSeen[e.condorID] = item.occurredAt
                case .condorExpired(let e): lastSeen[e.condorID] = item.occurredAt
                case .condorRolled(let e): lastSeen[e.condorID] = item.occurredAt
                default: break
                }
            }
        }
        let start = MarketCalendar.closeInstant(day)
        return opened.filter { id, at in at < start && (lastSeen[id].map { $0 >= start } ?? false) }.count
    }
}
