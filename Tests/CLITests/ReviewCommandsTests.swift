import ALVHCLI
import EventStore
import Foundation
import Ledger
import Testing
import TestSupport

/// `alvh project`, `replay`, `positions`, `hedges`, `irr`, `decisions` and `summary`, driven
/// in-process against a real database holding events recorded through the Ledger deciders.
@Suite("Review commands", .serialized)
struct ReviewCommandsTests {
    func alvh(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let (status, out, err) = ALVHProcess.run(arguments)
        return (status, out, err)
    }

    /// Two portfolios, one closed condor (the worked example: −4,000 then +4,500), one open condor with a roll and
    /// a VIX-future hedge layer, and a mark (with the feed's default market model): 9 events.
    func ledger() throws -> (database: TestDatabase, closed: UUID, open: UUID, layer: UUID) {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        func run(_ name: String, _ tokens: [String]) throws {
            let arguments = CommandArguments(tokens: tokens)
            let context = CommandContext(actor: "tester", toolVersion: "test", now: Date(timeIntervalSince1970: 1_767_225_600))
            let decision = try LedgerDecider(reader: Reader(store: store), context: context).decide(try LedgerCommand.parse(name: name, arguments: arguments))
            try store.append(decision.appends)
        }
        let closed = UUID(), open = UUID(), layer = UUID()
        let legs = ["--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900", "--short-put", "4950", "--short-call", "5300",
                    "--long-call", "5350", "--contracts", "1", "--fees", "0"]
        try run("condor open", ["--id", closed.uuidString, "--portfolio", "main", "--credit", "10", "--at", "2026-01-02T15:00:00Z"] + legs)
        try run("condor open", ["--id", open.uuidString, "--portfolio", "income, desk", "--credit", "8", "--at", "2026-01-05T15:00:00Z"] + legs)
        try run("condor roll", [open.uuidString, "--side", "put", "--long-put", "4950", "--short-put", "5000", "--close-price", "8",
                                "--open-price", "6", "--at", "2026-01-15T15:00:00Z"])
        try run("hedge add", ["--id", layer.uuidString, "--instrument", "VX 2026-02", "--quantity", "1", "--price", "18", "--protects", open.uuidString,
                              "--at", "2026-01-16T15:00:00Z"])
        try run("condor close", [closed.uuidString, "--price", "5", "--reason", "take-profit", "--at", "2026-01-31T15:00:00Z"])
        try run("mark", ["--at", "2026-02-02T20:00:00Z", "--spx", "5150", "--vix", "17", "--vx", "2026-02=19.5"])
        return (database, closed, open, layer)
    }

    /// Two valued deferrals on one condor: their paths overlap, and the table says so under the totals.
    @Test func overlappingDecisionEdgesAreExplained() throws {
        let database = try TestDatabase.migrated()
        let db = ["--database", database.connectionString]
        let id = UUID().uuidString.lowercased()
        func run(_ arguments: [String]) {
            let result = alvh(arguments + db)
            #expect(result.status == 0, "\(arguments.prefix(2)): \(result.err)")
        }
        run(["condor", "open", "--id", id, "--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900",
             "--short-put", "4950", "--short-call", "5300", "--long-call", "5350", "--contracts", "1", "--credit", "10", "--at", "2026-01-02T15:00:00Z"])
        run(["mark", "--at", "2026-01-12T15:30:00Z", "--spx", "5000", "--vix", "25"])
        run(["condor", "defer", id, "--reason", "first", "--at", "2026-01-12T16:00:00Z"])
        run(["mark", "--at", "2026-01-14T15:30:00Z", "--spx", "4990", "--vix", "26"])
        run(["condor", "defer", id, "--reason", "second", "--at", "2026-01-14T16:00:00Z"])
        run(["mark", "--at", "2026-01-20T15:30:00Z", "--spx", "5050", "--vix", "18"])
        let decisions = alvh(["decisions"] + db)
        #expect(decisions.status == 0)
        #expect(decisions.out.components(separatedBy: "\n").filter { $0.contains(" defer ") }.count == 2, "\(decisions.out)")
        #expect(decisions.out.contains("the whole-trade edge is the total to compare with P&L"), "\(decisions.out)")
        #expect(!decisions.out.contains("totals, decisions"), "overlapping decision edges are not summed")
        let said = decisions.out.components(separatedBy: "\n")
        #expect(said.filter { $0.hasPrefix("model ") && $0.contains("fills at mid ∓ 0.1 per leg") }.count == 1, "the model is stated once: \(decisions.out)")
    }

    struct Reader: LedgerReading {
        let store: EventStore
        func events(inStream streamID: String) throws -> [LedgerStreamEvent] { try store.readStream(streamID).map(LedgerStreamEvent.init(recorded:)) }
        func event(id eventID: UUID) throws -> LedgerStreamEvent? { try store.event(id: eventID).map(LedgerStreamEvent.init(recorded:)) }
    }

    @Test func projectReplayAndPositions() throws {
        let l = try ledger()
        let db = ["--database", l.database.connectionString]
        let project = alvh(["project"] + db)
        #expect(project.status == 0)
        #expect(project.out.contains("projections at position 9: 9 events folded"))
        let replay = alvh(["--json", "replay"] + db)
        #expect(replay.status == 0)
        #expect(replay.out.contains(#""checkpoint":9"#) && replay.out.contains(#""events":9"#) && replay.out.contains("events_per_s"))
        #expect(!replay.err.contains("replay ["))  // stderr is not a terminal: no progress bar

        let positions = alvh(["positions"] + db)
        #expect(positions.status == 0)
        #expect(positions.out.contains(ReviewIDs.short(l.open)))
        #expect(!positions.out.contains(ReviewIDs.short(l.closed)))
        #expect(positions.out.contains("roll chains"))
        #expect(positions.out.contains("4950/5000/5300/5350"))
        let all = alvh(["positions", "--all", "--json"] + db)
        #expect(all.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [String: Any])
        let condors = try #require(json["condors"] as? [[String: Any]])
        #expect(condors.count == 2)
        let closedRow = try #require(condors.first { $0["id"] as? String == ReviewIDs.full(l.closed) })
        #expect(closedRow["realized_pnl"] as? String == "500")
        let openRow = try #require(condors.first { $0["id"] as? String == ReviewIDs.full(l.open) })
        #expect(openRow["cumulative_credit"] as? String == "6")
        #expect((openRow["rolls"] as? [[String: Any]])?.count == 1)
        #expect(openRow["valuation"] as? String == "model")

        let csv = alvh(["positions", "--all", "--csv"] + db)
        #expect(csv.status == 0)
        let lines = csv.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("id,portfolio,underlying,status"))
        #expect(csv.out.contains("\"income, desk\""))  // a comma in a field is quoted
    }

    @Test func hedgesIRRDecisionsSummary() throws {
        let l = try ledger()
        let db = ["--database", l.database.connectionString]
        let hedges = alvh(["hedges", "--json"] + db)
        #expect(hedges.status == 0)
        // VX bought at 18, marked at 19.5: (19.5 − 18) × 1000 = 1,500 unrealized.
        #expect(hedges.out.contains(#""unrealized_pnl":"1500""#))
        #expect(alvh(["hedges", "--csv"] + db).out.contains("VX 2026-02"))

        let irr = alvh(["irr"] + db)
        #expect(irr.status == 0)
        #expect(irr.out.contains(ReviewIDs.short(l.closed)))
        #expect(!irr.out.contains(ReviewIDs.short(l.open)))
        let flows = alvh(["irr", "--flows", ReviewIDs.full(l.closed), "--csv"] + db)
        #expect(flows.out == "date,amount,what,source\n2026-01-02,-4000,commit,condor \(ReviewIDs.full(l.closed))\n2026-01-31,4500,close,condor \(ReviewIDs.full(l.closed))\n")
        // A portfolio's XIRR per calendar year: one line per portfolio and year (the open condor
        // and its layer count in 2026 at their 2026-02-02 mark).
        let years = alvh(["irr", "--by", "year", "--unrealized", "--json"] + db)
        #expect(years.status == 0)
        let yearLines = try #require((try JSONSerialization.jsonObject(with: Data(years.out.utf8)) as? [String: Any])?["lines"] as? [[String: Any]])
        #expect(yearLines.map { "\($0["portfolio"] ?? "") \($0["key"] ?? "")" } == ["income, desk 2026", "main 2026"])
        #expect(yearLines.last?["pnl"] as? String == "500")
        let month = alvh(["irr", "--by", "month", "--portfolio", "main", "--csv"] + db)
        #expect(month.out.hasPrefix("portfolio,month,flows,invested,returned,pnl,xirr,first,last\nmain,2026-01,2,4000,4500,500,"), "\(month.out)")
        #expect(month.out.split(separator: "\n").count == 2)

        let decisions = alvh(["decisions", "--stop", "1.5"] + db)
        #expect(decisions.status == 0)
        #expect(decisions.out.contains("fixed rule: take-profit 0.5, stop 1.5"))
        #expect(decisions.out.contains("whole trade"))
        #expect(decisions.out.contains("ALVH edge over the fixed rule, whole trades:"))
        // No decision here has figures (no mark before them): no word about overlapping sums.
        #expect(!decisions.out.contains("overlap"))
        let decisionsJSON = alvh(["decisions", "--json", "--condor", ReviewIDs.full(l.open)] + db)
        #expect(decisionsJSON.status == 0)
        #expect(decisionsJSON.out.contains(#""kind":"roll""#) && decisionsJSON.out.contains(#""kind":"layer-add""#))
        #expect(!decisionsJSON.out.contains(ReviewIDs.full(l.closed)))
        // One portfolio's decisions and whole trades only, so its headline edge is its own.
        let deskDecisions = alvh(["decisions", "--json", "--portfolio", "income, desk"] + db)
        #expect(deskDecisions.status == 0, "\(deskDecisions.err)")
        #expect(deskDecisions.out.contains(ReviewIDs.full(l.open)) && !deskDecisions.out.contains(ReviewIDs.full(l.closed)))
        let mainDecisions = alvh(["decisions", "--csv", "--portfolio", "main"] + db)
        #expect(mainDecisions.status == 0 && mainDecisions.out.contains(ReviewIDs.full(l.closed)) && !mainDecisions.out.contains(ReviewIDs.full(l.open)))
        let noDecisions = alvh(["decisions", "--portfolio", "main", "--condor", ReviewIDs.full(l.open)] + db)
        #expect(noDecisions.status == 0 && noDecisions.out.contains("no condors"), "\(noDecisions.out)")
        let decisionsCSV = alvh(["decisions", "--csv"] + db)
        #expect(decisionsCSV.out.hasPrefix("condor,decided_at,kind,alvh_choice"))

        let summary = alvh(["summary"] + db)
        #expect(summary.status == 0)
        #expect(summary.out.contains("1 open, 1 ended (1 take-profit)"))
        #expect(summary.out.contains("ALVH vs fixed rule"))
        #expect(alvh(["summary", "--json"] + db).out.contains(#""condors_open":"1""#))
        let summaryCSV = alvh(["summary", "--csv"] + db).out
        #expect(summaryCSV.contains("realized_xirr[main][2026],") && summaryCSV.contains("\"total_xirr[income, desk][2026]\","))
        #expect(!summaryCSV.contains("realized_xirr[main],"), "no whole-history portfolio XIRR")
        #expect(summary.out.contains("XIRR per calendar year"))
        // One portfolio: "income, desk" holds the open condor and its layer, none of main's.
        let desk = alvh(["summary", "--portfolio", "income, desk", "--json"] + db)
        #expect(desk.status == 0, "\(desk.err)")
        let deskJSON = try #require(try JSONSerialization.jsonObject(with: Data(desk.out.utf8)) as? [String: Any])
        #expect(deskJSON["condors_open"] as? String == "1" && deskJSON["condors_closed"] as? String == "0")
        #expect(deskJSON["layers_open"] as? String == "1" && deskJSON["portfolio"] as? String == "income, desk")
        #expect((deskJSON["realized_xirr"] as? [String: Any])?.keys.sorted() == [])
        #expect((deskJSON["total_xirr"] as? [String: [String: Any]])?["income, desk"]?.keys.sorted() == ["2026"])
        let main = alvh(["summary", "--portfolio", "main"] + db)
        #expect(main.out.contains("review of portfolio main") && main.out.contains("0 open, 1 ended (1 take-profit)"))
        let unknown = alvh(["summary", "--portfolio", "mian"] + db)
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("--portfolio: no portfolio named 'mian' in the ledger (portfolios: 'income, desk', 'main')"), "\(unknown.err)")
    }

    @Test func badInputIsRefusedWithTheFieldAndExit2() throws {
        let l = try ledger()
        let db = ["--database", l.database.connectionString]
        var result = alvh(["decisions", "--take-profit", "1.5"] + db)
        #expect(result.status == 2)
        #expect(result.err.contains("--take-profit: must be a fraction in (0, 1]"))
        result = alvh(["decisions", "--at-stop", "hope"] + db)
        #expect(result.status == 2 && result.err.contains("--at-stop"))
        result = alvh(["decisions", "--condor", "not-a-uuid"] + db)
        #expect(result.status == 2 && result.err.contains("--condor"))
        result = alvh(["irr", "--by", "week"] + db)
        #expect(result.status == 2 && result.err.contains("--by: must be condor, month or year (got 'week')"))
        result = alvh(["irr", "--by", "portfolio"] + db)
        #expect(result.status == 2 && result.err.contains("--by: must be condor, month or year (got 'portfolio': a portfolio's XIRR is given per calendar month or year only)"), "\(result.err)")
        result = alvh(["decisions", "--portfolio", "mian"] + db)
        #expect(result.status == 2 && result.err.contains("--portfolio: no portfolio named 'mian'"))
        result = alvh(["irr", "--portfolio", "mian"] + db)
        #expect(result.status == 2 && result.err.contains("--portfolio: no portfolio named 'mian'"))
        result = alvh(["irr", "--flows", "nothing-like-this"] + db)
        #expect(result.status == 2 && result.err.contains("--flows"))
        result = alvh(["positions", "--json", "--csv"] + db)
        #expect(result.status == 2 && result.err.contains("--csv"))
        result = alvh(["positions", "--database", "postgresql://alvh@/none?host=/nonexistent-alvh-socket-dir"])
        #expect(result.status == 4)
    }
}

enum ReviewIDs {
    static func full(_ id: UUID) -> String { id.uuidString.lowercased() }
    static func short(_ id: UUID) -> String { String(full(id).prefix(8)) }
}
