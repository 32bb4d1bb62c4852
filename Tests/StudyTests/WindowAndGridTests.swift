import Finance
import Foundation
import Ledger
import Strategy
@testable import Study
import Testing

/// Window planning and grid parsing: pure, no database.
@Suite("Study windows and grid")
struct WindowAndGridTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }
    static let data = DateSpan(from: day("2011-03-31"), to: day("2026-07-08"))

    static func refusal(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "accepted" } catch { return "\(error)" }
    }

    @Test("an explicit train/test pair inside the data, after one another")
    func fixedWindows() throws {
        let train = try DateSpan(parsing: "2011-04-01..2017-12-29", field: "--train")
        let test = try DateSpan(parsing: "2018-01-02..2026-07-08", field: "--test")
        let windows = try WindowPlan.fixed(train: train, test: test, data: Self.data)
        #expect(windows == [StudyWindow(train: train, test: test)])
        #expect(Self.refusal { try WindowPlan.fixed(train: train, test: try DateSpan(parsing: "2017-06-01..2019-01-01", field: "--test"), data: Self.data) }
                == "--test: 2017-06-01..2019-01-01 overlaps the train window 2011-04-01..2017-12-29: out-of-sample days must not be trained on")
        #expect(Self.refusal { try WindowPlan.fixed(train: test, test: train, data: Self.data) }
                == "--test: 2011-04-01..2017-12-29 must come after the train window 2018-01-02..2026-07-08")
        #expect(Self.refusal { try WindowPlan.fixed(train: try DateSpan(parsing: "2005-01-01..2010-01-01", field: "--train"), test: test, data: Self.data) }
                == "--train: 2005-01-01..2010-01-01 falls outside the data (2011-03-31..2026-07-08)")
        #expect(Self.refusal { try WindowPlan.fixed(train: train, test: try DateSpan(parsing: "2018-01-02..2027-01-01", field: "--test"), data: Self.data) }
                == "--test: 2018-01-02..2027-01-01 falls outside the data (2011-03-31..2026-07-08)")
        #expect(Self.refusal { try DateSpan(parsing: "2018-01-02", field: "--test") } == "--test: must be FROM..TO with dates YYYY-MM-DD (got '2018-01-02')")
        #expect(Self.refusal { try DateSpan(parsing: "2019-01-02..2018-01-01", field: "--train") } == "--train: must not end before it starts (got 2019-01-02..2018-01-01)")
    }

    @Test("walk-forward: N train years, M test years, moving on by M, the last test window cut at the data's end")
    func walkForward() throws {
        let windows = try WindowPlan.walkForward(trainYears: 4, testYears: 3, data: Self.data)
        #expect(windows.map { "\($0.train) \($0.test)" } == [
            "2011-03-31..2015-03-30 2015-03-31..2018-03-30",
            "2014-03-31..2018-03-30 2018-03-31..2021-03-30",
            "2017-03-31..2021-03-30 2021-03-31..2024-03-30",
            "2020-03-31..2024-03-30 2024-03-31..2026-07-08",
        ])
        for (a, b) in zip(windows, windows.dropFirst()) { #expect(b.test.from == a.test.to.adding(days: 1), "test windows tile the history") }
        #expect(Self.refusal { try WindowPlan.walkForward(trainYears: 16, testYears: 1, data: Self.data) }
                == "--train-years: 16 year(s) of training leave no test window in the data (2011-03-31..2026-07-08)")
        #expect(Self.refusal { try WindowPlan.walkForward(trainYears: 0, testYears: 1, data: Self.data) } == "--train-years: must be 1 … 50 (got 0)")
        #expect(Self.refusal { try WindowPlan.walkForward(trainYears: 2, testYears: 0, data: Self.data) } == "--test-years: must be 1 … 50 (got 0)")
        // 29 February moves to 28 February in a common year.
        #expect(Self.day("2016-02-29").adding(years: 1) == Self.day("2017-02-28"))
    }

    @Test("grid: unknown names list the valid ones; empty, non-numeric, out-of-range and repeated values are refused")
    func gridRefusals() {
        let unknown = Self.refusal { try StudyGrid(["delta-threshold=0.3"]) }
        #expect(unknown.hasPrefix("--grid: unknown parameter 'delta-threshold'; valid names: take-profit, stop, exit-dte, at-stop, threatened-delta"))
        #expect(Self.refusal { try StudyGrid(["stop=1,,2"]) } == "--grid stop: has an empty value (a multiple of the credit in (0, 100])")
        #expect(Self.refusal { try StudyGrid(["stop="]) } == "--grid stop: has an empty value (a multiple of the credit in (0, 100])")
        #expect(Self.refusal { try StudyGrid(["threatened-delta=abc"]) } == "--grid threatened-delta: 'abc' is not valid: an absolute delta in [0.01, 0.99]")
        #expect(Self.refusal { try StudyGrid(["take-profit=1.5"]) } == "--grid take-profit: '1.5' is not valid: a fraction in (0, 1] of the credit")
        #expect(Self.refusal { try StudyGrid(["max-rolls=1.5"]) } == "--grid max-rolls: '1.5' is not valid: 0 … 20 rolls")
        #expect(Self.refusal { try StudyGrid(["at-stop=sometimes"]) } == "--grid at-stop: 'sometimes' is not valid: close or roll")
        #expect(Self.refusal { try StudyGrid(["stop=1,1"]) } == "--grid stop: lists a value twice")
        #expect(Self.refusal { try StudyGrid(["stop=1", "stop=2"]) } == "--grid stop: is given twice; list every value in one --grid")
        #expect(Self.refusal { try StudyGrid(["stop"]) } == "--grid: must be NAME=v1,v2,… (got 'stop')")
    }

    @Test("candidates: the product of the axes a policy reads, last axis fastest, each value in the backtest's parameters")
    func candidates() throws {
        let grid = try StudyGrid(["take-profit=0.4,0.6", "exit-dte=none,21", "threatened-delta=0.25,0.35", "at-stop=close,roll", "close-dte=none,7"])
        let base = BacktestParameters(portfolio: "study")
        let alvh = try StudyCandidate.all(policy: .alvh, grid: grid, base: base)
        let fixed = try StudyCandidate.all(policy: .fixed, grid: grid, base: base)
        #expect(alvh.map(\.label) == [
            "take-profit=0.4 threatened-delta=0.25 close-dte=none", "take-profit=0.4 threatened-delta=0.25 close-dte=7",
            "take-profit=0.4 threatened-delta=0.35 close-dte=none", "take-profit=0.4 threatened-delta=0.35 close-dte=7",
            "take-profit=0.6 threatened-delta=0.25 close-dte=none", "take-profit=0.6 threatened-delta=0.25 close-dte=7",
            "take-profit=0.6 threatened-delta=0.35 close-dte=none", "take-profit=0.6 threatened-delta=0.35 close-dte=7",
        ])
        #expect(fixed.count == 8 && fixed[0].label == "take-profit=0.4 exit-dte=none at-stop=close")
        #expect(alvh.allSatisfy { $0.parameters.policy == .alvh } && fixed.allSatisfy { $0.parameters.policy == .fixed })
        #expect(alvh.map(\.index) == Array(0..<8))
        let last = alvh[7].parameters.advisor
        #expect(last.fixedRule.takeProfit == Decimal(string: "0.6") && last.threatenedDelta == 0.35 && last.closeAtDaysToExpiry == 7)
        #expect(alvh[0].parameters.advisor.closeAtDaysToExpiry == nil)
        let f = fixed[7].parameters.advisor.fixedRule
        #expect(f.takeProfit == Decimal(string: "0.6") && f.exitDTE == 21 && f.atStop == .roll)
        #expect(fixed[0].parameters.advisor.fixedRule.exitDTE == nil)
        // Nothing the policy reads: one candidate, the defaults.
        let defaults = try StudyCandidate.all(policy: .fixed, grid: try StudyGrid(["threatened-delta=0.2,0.3"]), base: base)
        #expect(defaults.map(\.label) == ["defaults"] && defaults[0].parameters.advisor == base.advisor)
    }

    @Test("ranking: best score first, no figure last, ties by candidate index")
    func ranking() {
        #expect(StudyRunner.rank([0.1, nil, 0.3, 0.1, nil, -1]) == [2, 0, 3, 5, 1, 4])
    }
}
