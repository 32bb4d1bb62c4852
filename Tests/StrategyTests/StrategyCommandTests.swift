@testable import ALVHCLI
import EventStore
import Finance
import Foundation
import Ledger
import TestSupport
import Testing
@testable import Strategy

/// `alvh backtest`, `alvh advise` and `alvh demo` end to end through `ALVHMain.run` on a real database.
@Suite(.serialized)
struct StrategyCommandTests {
    @Test func syntheticBacktestThenAdviseThenRerun() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let args = ["backtest", "--database", database.connectionString, "--synthetic", "--seed", "3", "--years", "0.5", "--portfolio", "cli"]
        #expect(ALVHMain.run(args) == 0)
        let head = try store.headPosition()
        #expect(head > 100)
        #expect(ALVHMain.run(args) == 0, "re-running is fine")
        #expect(try store.headPosition() == head, "and records nothing new")
        // The backtest's model, then the exchange's sessions among 0.5 years = 126 synthetic weekdays from 2024-01-01:
        // six are NYSE holidays (01-01, 01-15, 02-19, 03-29, 05-27, 06-19), 120 sessions marked.
        let input = BacktestCommand.synthetic(seed: 3, years: 0.5, start: CalendarDay(year: 2024, month: 1, day: 1)!, calendar: nil)
        #expect(Backtest.sessions(input.days).filter { $0.date >= input.from! }.count == 120)
        #expect(try store.streamVersion(StreamName.market("bt-cli")) == 121)

        // Advise the last condor opened: it is open at the end (45 days to expiry at entry).
        let events = try allEvents(store)
        let lastOpened = try #require(events.compactMap { if case .condorOpened(let e) = $0.1 { e.condorID } else { nil } }.last)
        #expect(ALVHMain.run(["advise", lastOpened.uuidString, "--database", database.connectionString]) == 0)
        #expect(ALVHMain.run(["--json", "--database", database.connectionString, "advise", lastOpened.uuidString]) == 0)
        let advice = try CondorAdvice.load(store: store, condorID: lastOpened, at: Date(), feed: nil, calendar: nil)
        #expect(advice.feed == "bt-cli")
        #expect(advice.report.fixed.action == .hold || advice.report.fixed.action == .takeProfit || advice.report.fixed.action == .stop)
        let text = AdviceFormat.text(advice)
        #expect(text.contains("fixed rule:") && text.contains("ALVH:") && text.contains("volga") && text.contains("break-evens"))
        let json = try JSONSerialization.jsonObject(with: Data(try StrategyCommandSupport.json(AdviceFormat.json(advice)).utf8)) as? [String: Any]
        #expect((json?["alvh"] as? [String: Any])?["reasons"] is [String])
        #expect(((json?["position"] as? [String: Any])?["priceBreakEvens"] as? [Double])?.count == 2)
        // As of a date before the condor existed: refused, naming the argument.
        #expect(ALVHMain.run(["advise", lastOpened.uuidString, "--at", "2000-01-03", "--database", database.connectionString]) == 2)
    }

    @Test func badInputIsRefusedWithUsageStatusAndWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let db = ["--database", database.connectionString]
        #expect(ALVHMain.run(["backtest", "--portfolio", "p"] + db) == 2, "no files and no --synthetic")
        #expect(ALVHMain.run(["backtest", "--synthetic", "--portfolio", "p", "--policy", "sometimes"] + db) == 2)
        #expect(ALVHMain.run(["backtest", "--synthetic", "--portfolio", "p", "--delta", "0.7"] + db) == 2)
        #expect(ALVHMain.run(["backtest", "--synthetic", "--portfolio", "p", "--entry-weekday", "6"] + db) == 2)
        #expect(ALVHMain.run(["backtest", "--spx", "/nonexistent.csv", "--vix", "/nonexistent.csv", "--portfolio", "p"] + db) == 2)
        #expect(ALVHMain.run(["advise", "not-a-uuid"] + db) == 2)
        #expect(ALVHMain.run(["advise", UUID().uuidString] + db) == 2, "no such condor")
        #expect(try store.headPosition() == 0)
    }

    @Test func demoRecordsAFreshPortfolioEachTime() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-demo-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        let demo = ["demo", "--years", "0.5", "--html", report.path, "--database", database.connectionString]
        #expect(ALVHMain.run(demo) == 0)
        #expect(try store.streamVersion(StreamName.portfolio("demo")) == 1)
        let page = try String(contentsOf: report, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("demo"), "the demo writes its HTML report")
        #expect(ALVHMain.run(demo) == 0)
        #expect(try store.streamVersion(StreamName.portfolio("demo-2")) == 1)
        #expect(try store.streamVersion(StreamName.market("bt-demo-2")) == 121, "its model and 120 marks (126 weekdays less 6 holidays)")
    }

    @Test func realFilesThroughTheCommandLine() throws {
        guard let data = SharedData.directory else {
            print("SKIPPED realFilesThroughTheCommandLine: ../shared/data is absent beside the package")
            return
        }
        let database = try TestDatabase.migrated()
        let store = try database.store()
        func path(_ name: String) -> String { data.appendingPathComponent(name).path }
        let args = ["backtest", "--database", database.connectionString, "--spx", path("spx_daily.csv"), "--vix", path("vix_daily.csv"),
                    "--vix3m", path("vix3m_daily.csv"), "--calendar", path("us_macro_events.csv"), "--from", "2020-01-01", "--to", "2020-06-30",
                    "--portfolio", "h1-2020"]
        #expect(ALVHMain.run(args) == 0)
        // Sessions in H1 2020 with both SPX and VIX: 125 (the NYSE's trading days), after the model.
        #expect(try store.streamVersion(StreamName.market("bt-h1-2020")) == 126)
        // The same portfolio with the other policy diverges from what is recorded: a conflict, exit 3.
        #expect(ALVHMain.run(args + ["--policy", "fixed"]) == 3)
    }
}
