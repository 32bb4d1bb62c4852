import ALVHCLI
import Foundation
import Testing
import TestSupport

/// `alvh portfolio set` and `alvh stats` through the command line, on the hand-computed ledger of
/// `PerformanceSeriesTests` (ProjectionTests): total P&L 3,489 over five sessions, 110,800
/// dollar-days of capital, condors +497 and +994. The fixed rule (standard: take profit at ≤ 0.5 × C)
/// holds both to the 01-12 mark (the 4950 put at 1.00 ≤ 5 and ≤ 4) and buys them back at 1.00 + 4 × 0.10:
/// A 998 − 140 − 2 = 856, B 1,596 − 280 − 4 = 1,312: total 2,168, of which 1,674 from 01-07 on
/// (A 298 + B 196 = 494 by 01-06).
@Suite("Stats command", .serialized)
struct StatsCommandTests {
    func record(_ database: TestDatabase) {
        let a = UUID().uuidString, b = UUID().uuidString, layer = UUID().uuidString
        let legs = ["--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900", "--short-put", "4950", "--short-call", "5300", "--long-call", "5350"]
        func mark(_ at: String, _ put: String, _ vx: String?) -> [String] {
            ["mark", "--at", at, "--spx", "5100", "--vix", "18", "--quote", "2026-03-20 P 4900=0/0", "--quote", "2026-03-20 P 4950=\(put)/\(put)",
             "--quote", "2026-03-20 C 5300=0/0", "--quote", "2026-03-20 C 5350=0/0"] + (vx.map { ["--vx", "2026-02=\($0)"] } ?? [])
        }
        let commands: [[String]] = [
            ["condor", "open", "--id", a, "--portfolio", "hand", "--contracts", "1", "--credit", "10", "--fees", "2", "--at", "2026-01-05T20:00:00Z"] + legs,
            mark("2026-01-05T21:00:00Z", "9", nil),
            ["condor", "open", "--id", b, "--portfolio", "hand", "--contracts", "2", "--credit", "8", "--fees", "4", "--at", "2026-01-06T15:00:00Z"] + legs,
            ["hedge", "add", "--id", layer, "--portfolio", "hand", "--instrument", "VX 2026-02", "--quantity", "1", "--price", "20", "--fees", "1",
             "--at", "2026-01-06T16:00:00Z"],
            mark("2026-01-06T21:00:00Z", "7", "21"),
            ["condor", "close", a, "--price", "5", "--fees", "1", "--at", "2026-01-07T17:00:00Z"],
            mark("2026-01-07T21:00:00Z", "6", "19.5"),
            ["hedge", "close", layer, "--price", "22", "--fees", "1", "--at", "2026-01-09T15:00:00Z"],
            mark("2026-01-09T21:00:00Z", "8", nil),
            ["condor", "close", b, "--price", "3", "--fees", "2", "--at", "2026-01-12T20:00:00Z"],
            mark("2026-01-12T21:00:00Z", "1", nil),
        ]
        for command in commands {
            let result = alvh(command + ["--database", database.connectionString])
            #expect(result.status == 0, "\(command.prefix(2)): \(result.err)")
        }
    }

    func alvh(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let (status, out, err) = ALVHProcess.run(arguments)
        return (status, out, err)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func statsAsJSONTableAndCSV() throws {
        let database = try TestDatabase.migrated()
        record(database)
        let db = ["--database", database.connectionString]
        let result = alvh(["stats", "--portfolio", "hand", "--json"] + db)
        #expect(result.status == 0, "\(result.err)")
        let portfolios = try #require(try json(result.out)["portfolios"] as? [[String: Any]])
        let recorded = try #require((portfolios.first?["alvh"] as? [[String: Any]])?.first)
        #expect(recorded["total_pnl"] as? String == "3489")
        #expect(recorded["sessions"] as? String == "5")
        #expect(recorded["capital_days"] as? String == "110800")
        #expect(recorded["max_drawdown"] as? String == "-1101")
        #expect(recorded["max_drawdown_peak"] as? String == "2026-01-06")
        #expect(recorded["longest_drawdown_days"] as? String == "3")
        #expect(recorded["win_rate"] as? String == "1.0")
        #expect(recorded["profit_factor"] as? String == "none")
        #expect(recorded["expectancy"] as? String == "745.5")
        #expect(recorded["return_on_capital_time"] as? String == String(NSDecimalNumber(decimal: Decimal(3489) / 110_800 * 365).doubleValue))

        let summary = try json(alvh(["summary", "--json"] + db).out)
        let headline = try #require(((summary["statistics"] as? [String: Any])?["hand"] as? [String: Any])?["alvh"] as? [String: Any])
        #expect(headline["total_pnl"] as? String == "3489" && headline["max_drawdown"] as? String == "-1101")
        #expect(alvh(["summary", "--csv"] + db).out.contains("sharpe[hand],"))

        let table = alvh(["stats"] + db)
        #expect(table.status == 0)
        #expect(table.out.contains("portfolio hand: returns on capital at risk"))
        #expect(table.out.components(separatedBy: "\n").contains { $0.hasPrefix("total P&L") && $0.split(separator: " ").suffix(2) == ["3489", "2168"] }, Comment(rawValue: table.out))

        let csv = alvh(["stats", "--by", "year", "--csv", "--from", "2026-01-07"] + db)
        #expect(csv.status == 0)
        let lines = csv.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("portfolio,period,path,returns_on,first_session,last_session,sessions,total_pnl") == true)
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(8).joined(separator: ",") }
                == ["hand,2026,alvh,capital_at_risk,2026-01-07,2026-01-12,3,1996", "hand,2026,fixed,capital_at_risk,2026-01-07,2026-01-12,3,1674"])
    }

    /// Portfolio XIRR per calendar year: every flow of this ledger is in January 2026, so the year's
    /// line is the month's.
    @Test func irrByYear() throws {
        let database = try TestDatabase.migrated()
        record(database)
        let db = ["--database", database.connectionString]
        let year = try json(alvh(["irr", "--by", "year", "--json"] + db).out)
        let month = try json(alvh(["irr", "--by", "month", "--json"] + db).out)
        let yearLines = try #require(year["lines"] as? [[String: Any]]), monthLines = try #require(month["lines"] as? [[String: Any]])
        #expect(yearLines.map { $0["key"] as? String } == ["2026"])
        #expect(monthLines.map { $0["key"] as? String } == ["2026-01"])
        #expect(yearLines.first?["pnl"] as? String == monthLines.first?["pnl"] as? String)
        #expect(yearLines.first?["xirr"] as? Double == monthLines.first?["xirr"] as? Double)
    }

    /// The fixed path under the rule of the flags. Take profit 0.3 (at ≤ 0.7 × C): A (C 10) at the
    /// 01-06 mark of 7, bought back at 7.00 + 4 × 0.10: 998 − 740 − 2 = 256; B (C 8, at ≤ 5.6) still at
    /// 01-12: 1,312. Total 1,568, and `alvh decisions` with the same flag agrees.
    @Test func ruleFlagsSetTheFixedPath() throws {
        let database = try TestDatabase.migrated()
        record(database)
        let db = ["--database", database.connectionString]
        let result = alvh(["stats", "--portfolio", "hand", "--take-profit", "0.3", "--json"] + db)
        #expect(result.status == 0, "\(result.err)")
        let portfolio = try #require((try json(result.out)["portfolios"] as? [[String: Any]])?.first)
        #expect((portfolio["fixed_rule"] as? String)?.hasPrefix("take-profit 0.3, stop 2") == true, "\(portfolio["fixed_rule"] ?? "")")
        let fixed = try #require((portfolio["fixed"] as? [[String: Any]])?.first)
        #expect(fixed["total_pnl"] as? String == "1568")
        #expect((portfolio["alvh"] as? [[String: Any]])?.first?["total_pnl"] as? String == "3489", "the recorded path does not change")
        let decisions = try json(alvh(["decisions", "--take-profit", "0.3", "--json"] + db).out)
        #expect(((decisions["totals"] as? [String: Any])?["trades"] as? [String: Any])?["fixed_pnl"] as? String == "1568")
        // Every flag reaches the rule: exit at 80 days to expiry (74 at the first mark) closes both at their first mark.
        let exit = alvh(["stats", "--portfolio", "hand", "--exit-dte", "80", "--at-stop", "roll", "--stop", "1.5", "--csv"] + db)
        #expect(exit.status == 0, "\(exit.err)")
        let exitDecisions = try json(alvh(["decisions", "--exit-dte", "80", "--at-stop", "roll", "--stop", "1.5", "--json"] + db).out)
        let exitFixed = ((exitDecisions["totals"] as? [String: Any])?["trades"] as? [String: Any])?["fixed_pnl"] as? String
        let fixedRow = exit.out.split(separator: "\n").first { $0.hasPrefix("hand,range,fixed,") }
        #expect(fixedRow?.split(separator: ",")[7] == exitFixed.map { Substring($0) } && exitFixed != "2168", "\(exit.out) \(exitFixed ?? "none")")
        let table = alvh(["stats", "--take-profit", "0.3"] + db)
        #expect(table.out.contains("fixed rule: the same condors from their openings, take-profit 0.3, stop 2"), "\(table.out)")
    }

    @Test func accountSizeMovesReturnsToEquity() throws {
        let database = try TestDatabase.migrated()
        record(database)
        let db = ["--database", database.connectionString]
        let set = alvh(["portfolio", "set", "hand", "--capital", "100000"] + db)
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out.contains("portfolio hand account size set to 100000"))
        let result = alvh(["stats", "--portfolio", "hand", "--json"] + db)
        let portfolio = try #require((try json(result.out)["portfolios"] as? [[String: Any]])?.first)
        #expect(portfolio["account_size"] as? String == "100000")
        let recorded = try #require((portfolio["alvh"] as? [[String: Any]])?.first)
        #expect(recorded["total_pnl"] as? String == "3489")
        // Equity 100,000 → 100,098 → 101,493 → 100,392 → 102,491: the compounded return is 3,489 / 100,000.
        let pnl: [Double] = [98, 1395, -1101, 2099, 998], equity: [Double] = [100_000, 100_098, 101_493, 100_392, 102_491]
        var wealth = 1.0
        for (p, e) in zip(pnl, equity) { wealth *= 1 + p / e }
        let cumulative = wealth - 1
        let cagr = try #require(Double(recorded["cagr"] as? String ?? ""))
        #expect(abs(cagr - (pow(1 + cumulative, 252.0 / 5) - 1)) < 1e-9)
        #expect(abs(cumulative - 0.03489) < 1e-12)
    }

    /// No risk taken in the range (no session in it, so no capital): every ratio prints `none`, in
    /// the table, the JSON and the CSV, and the command succeeds.
    @Test func noRiskTakenPrintsNone() throws {
        let database = try TestDatabase.migrated()
        record(database)
        let db = ["--database", database.connectionString]
        let result = alvh(["stats", "--portfolio", "hand", "--from", "2027-01-01", "--json"] + db)
        #expect(result.status == 0, "\(result.err)")
        let portfolio = try #require((try json(result.out)["portfolios"] as? [[String: Any]])?.first)
        for path in ["alvh", "fixed"] {
            let figures = try #require((portfolio[path] as? [[String: Any]])?.first)
            #expect(figures["sessions"] as? String == "0" && figures["total_pnl"] as? String == "0" && figures["capital_days"] as? String == "0")
            for ratio in ["return_on_capital_time", "cagr", "annual_volatility", "sharpe", "sortino", "max_drawdown_pct", "calmar", "win_rate", "profit_factor"] {
                #expect(figures[ratio] as? String == "none", "\(path) \(ratio): \(figures[ratio] ?? "missing")")
            }
        }
        let table = alvh(["stats", "--portfolio", "hand", "--from", "2027-01-01"] + db)
        #expect(table.status == 0 && table.out.components(separatedBy: "\n").contains { $0.hasPrefix("Sharpe") && $0.split(separator: " ").suffix(2) == ["none", "none"] }, "\(table.out)")
        #expect(!table.out.lowercased().contains("nan"))
        let csv = alvh(["stats", "--portfolio", "hand", "--from", "2027-01-01", "--csv"] + db)
        #expect(csv.status == 0 && !csv.out.lowercased().contains("nan") && !csv.out.lowercased().contains("inf"))
    }

    @Test func badInputNamesTheFlagAndTheRule() throws {
        let database = try TestDatabase.migrated()
        record(database)
        let db = ["--database", database.connectionString]
        for (arguments, expected) in [
            (["portfolio", "set", "hand", "--capital", "0"], "--capital: must be > 0 (got 0)"),
            (["portfolio", "set", "hand", "--capital", "-5"], "--capital"),
            (["portfolio", "set", "nobody", "--capital", "1000"], "no portfolio 'nobody'"),
            (["stats", "--from", "2026-02-01", "--to", "2026-01-01"], "--from: must not be after --to (got 2026-02-01 > 2026-01-01)"),
            (["stats", "--portfolio", "nobody"], "--portfolio: no portfolio named 'nobody'"),
            (["stats", "--by", "month"], "--by: must be year"),
            (["stats", "--from", "2026-13-01"], "--from: must be a date YYYY-MM-DD"),
            // The rule flags, checked as `alvh decisions` checks them.
            (["stats", "--take-profit", "1.5"], "--take-profit: must be a fraction in (0, 1]"),
            (["stats", "--take-profit", "half"], "--take-profit: must be a plain decimal like 0.5 (got 'half')"),
            (["stats", "--stop", "0"], "--stop"),
            (["stats", "--at-stop", "hope"], "--at-stop: must be close or roll (got 'hope')"),
            (["stats", "--exit-dte", "4000"], "--exit-dte: must be 0…3650 calendar days (got 4000)"),
            (["irr", "--by", "portfolio"], "--by: must be condor, month or year"),
            (["irr", "--portfolio", "nobody"], "--portfolio: no portfolio named 'nobody'"),
            (["summary", "--portfolio", "nobody"], "--portfolio: no portfolio named 'nobody'"),
        ] {
            let result = alvh(arguments + db)
            #expect(result.status == 2, "\(arguments): \(result.out) \(result.err)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        let events = alvh(["events", "--stream", "portfolio-hand"] + db)
        #expect(!events.out.contains("account size"), "nothing was written: \(events.out)")
    }
}
