import Foundation
import Ledger
import Projections
import Report
import Testing
import TestSupport

/// `alvh report` against a real PostgreSQL: the data agree with the projections and with
/// `alvh summary --json`; empty ledgers, scopes and bad input.
@Suite("alvh report", .serialized)
struct ReportCommandTests {
    @Test func reportDataAgreeWithProjectionsAndSummary() throws {
        let database = try Backtested.ledger(portfolio: "bt <script>x</script>", years: 0.5)
        let store = try database.store()
        let data = try ReportLoader.load(store: store)
        let book = try ProjectionBook.load(store.connection)
        let decisions = try DecisionReport.build(store: store, rule: try FixedRule())
        #expect(!data.isEmpty)
        #expect(data.pnlPath.trades.count == book.condors.count)
        #expect(data.pnlPath.alvhTotal == decisions.tradeTotals.alvh)
        #expect(data.pnlPath.fixedTotal == decisions.tradeTotals.fixed)
        #expect(data.edges.compactMap(\.edge) == decisions.lines.filter { $0.kind != "trade" }.compactMap(\.edge), "one bar per valued decision")
        #expect(!data.assumptions.isEmpty && data.assumptions.allSatisfy { $0.contains("fills at mid") }, "the model and execution are stated")
        let layerNet = book.layers.reduce(Decimal(0)) { $0 + $1.realizedPnL + ($1.unrealizedPnL ?? 0) }
        #expect(data.layers.reduce(Decimal(0)) { $0 + $1.net } == layerNet)
        let months = IRRReport(book: book).periodLines(by: .month, pooled: true)
        #expect(data.months.map(\.month) == months.map(\.key))
        #expect(data.months.map(\.pnl) == months.map(\.pnl))
        #expect(data.volatility.count == (try MarkStore(connection: store.connection).marks(from: .distantPast, to: .distantFuture)).count)
        #expect(data.openPositions.count == book.condors.filter { $0.status == .open }.count)
        #expect(data.openPositions.allSatisfy { $0.greeks != nil }, "every open condor has a mark, so greeks")

        let summary = try Backtested.summary(database)
        let f = data.figures
        #expect(summary["realized_pnl"] as? String == DecimalParser.format(f.realizedPnL))
        #expect(summary["decision_edge"] == nil, "overlapping decision edges are not summed into a figure")
        #expect(summary["trade_edge"] as? String == DecimalParser.format(f.tradeEdge))
        #expect(summary["condors_open"] as? String == String(f.condorsOpen))
        #expect(summary["decisions"] as? String == String(f.decisions))
        // XIRR per portfolio and year, as the summary gives it; no whole-history figure.
        let years = IRRReport(book: book).lines(by: .year)
        #expect(!years.isEmpty && f.yearlyXIRR.compactMap(\.realizedPnL) == years.map(\.pnl))
        let realized = try #require(summary["realized_xirr"] as? [String: [String: Any]])
        for year in f.yearlyXIRR where year.realizedPnL != nil {
            #expect(realized[year.portfolio]?[year.year] as? Double == year.realized, "\(year.portfolio) \(year.year)")
        }
    }

    @Test func commandWritesThePageAndScopesIt() throws {
        let database = try Backtested.ledger(portfolio: "main", years: 0.25)
        let path = Backtested.temporaryFile("main.html")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = Backtested.alvh(["report", "--html", path, "--database", database.connectionString])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("wrote \(path)"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("id=\"chart-pnl\"") && html.contains("<svg"))
        #expect(!html.contains("Nothing recorded yet"))

        let other = Backtested.temporaryFile("other.html")
        defer { try? FileManager.default.removeItem(atPath: other) }
        // A portfolio the ledger does not hold is refused like every other review command's --portfolio.
        let scoped = Backtested.alvh(["report", "--html", other, "--portfolio", "nobody", "--database", database.connectionString])
        #expect(scoped.status == 2)
        #expect(scoped.err.contains("--portfolio") && scoped.err.contains("no portfolio named 'nobody'") && scoped.err.contains("'main'"), "\(scoped.err)")
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    @Test func emptyLedgerSaysNothingYet() throws {
        let database = try TestDatabase.migrated()
        let path = Backtested.temporaryFile("empty.html")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = Backtested.alvh(["report", "--html", path, "--database", database.connectionString])
        #expect(run.status == 0, "\(run.err)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("Nothing recorded yet"))
    }

    @Test func badInputIsRefusedAndWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let path = Backtested.temporaryFile("bad.html")
        for (arguments, message) in [(["--from", "2026-13-01"], "--from: must be a date YYYY-MM-DD"),
                                     (["--from", "2026-02-01", "--to", "2026-01-01"], "--to: must not be before --from"),
                                     (["--portfolio", ""], "--portfolio: must not be empty")] {
            let run = Backtested.alvh(["report", "--html", path] + arguments + ["--database", database.connectionString])
            #expect(run.status == 2)
            #expect(run.err.contains(message), "\(run.err)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        let unwritable = Backtested.alvh(["report", "--html", "/nonexistent-dir/x.html", "--database", database.connectionString])
        #expect(unwritable.status == 2)
        #expect(unwritable.err.contains("--html: cannot write"))
    }
}
