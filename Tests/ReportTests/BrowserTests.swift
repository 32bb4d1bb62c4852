import Foundation
import Ledger
import Projections
import Report
import Testing
import TestSupport

/// The report of a backtested ledger rendered in headless Chromium: no console message at all,
/// every chart drawn, and what the DOM plots equals the projections' totals and `alvh summary --json`.
/// Without Chromium the test fails under CI=true (CI installs it) and is skipped elsewhere.
@Suite("Report in a real browser", .serialized)
struct BrowserTests {
    /// Measures the rendered DOM (after the page's own script ran) and writes JSON into
    /// `<pre id="probe-result">`.
    static let probe = """
    <script>(function(){
    function sum(sel,attr){var t=0,n=0;document.querySelectorAll(sel).forEach(function(e){var v=e.getAttribute(attr);if(v!==null&&v!==''){t+=parseFloat(v);n++;}});return {sum:t,count:n};}
    var r={charts:{},metrics:{}};
    document.querySelectorAll('figure[data-chart]').forEach(function(f){var d={};for(var i=0;i<f.attributes.length;i++){var a=f.attributes[i];if(a.name.indexOf('data-')===0)d[a.name.slice(5)]=a.value;}
      var s=f.querySelector('svg');d.svg=!!s;d.svgTitle=s&&s.querySelector('title')?s.querySelector('title').textContent:'';d.svgWidth=s?s.getBoundingClientRect().width:0;r.charts[f.id]=d;});
    var a=document.querySelector('#chart-pnl path[data-series=alvh]'),x=document.querySelector('#chart-pnl path[data-series=fixed]');
    r.pnl={alvh:a?parseFloat(a.getAttribute('data-final')):null,fixed:x?parseFloat(x.getAttribute('data-final')):null,rug:document.querySelectorAll('#chart-pnl .rug line').length};
    r.edge=sum('#chart-edge rect[data-edge]','data-edge');
    r.cost=sum('#chart-hedges g[data-layer]','data-cost');r.paid=sum('#chart-hedges g[data-layer]','data-paid');
    r.totals=sum('#chart-hedges rect[data-total]','data-total');
    r.irr=sum('#chart-irr [data-month]','data-pnl');
    var v=document.querySelector('#chart-vix path.vix');r.vixPoints=v?(v.getAttribute('d').match(/[ML]/g)||[]).length:0;
    r.inverted=sum('#chart-vix .inverted rect','data-sessions');
    document.querySelectorAll('[data-metric]').forEach(function(e){r.metrics[e.getAttribute('data-metric')]=e.getAttribute('data-value');});
    r.decisionRows=document.querySelectorAll('#table-decisions tbody tr').length;r.openRows=document.querySelectorAll('#table-open tbody tr').length;
    r.scripts=document.querySelectorAll('script').length;r.tip=!!document.getElementById('tip');
    var p=document.createElement('pre');p.id='probe-result';p.textContent=JSON.stringify(r);document.body.appendChild(p);})();</script>
    """

    static func chromium() -> HeadlessChromium? {
        if let found = HeadlessChromium.find() { return found }
        if HeadlessChromium.runningInCI {
            Issue.record("chromium is not installed: the browser test needs Debian's chromium package (apt-get install -y chromium; .ci/run installs it)")
        }
        return nil
    }

    /// Renders `html` with the probe and returns the probe's JSON and the console messages.
    static func render(_ html: String, with chromium: HeadlessChromium) throws -> (result: [String: Any], console: [String]) {
        let path = Backtested.temporaryFile("probe.html")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let probed = html.replacingOccurrences(of: "</body>", with: probe + "</body>")
        try Data(probed.utf8).write(to: URL(fileURLWithPath: path))
        let page = try chromium.load(file: path)
        guard let start = page.dom.range(of: "<pre id=\"probe-result\">"),
              let end = page.dom.range(of: "</pre>", range: start.upperBound..<page.dom.endIndex) else {
            throw HeadlessChromium.Failure(message: "the probe did not run; console: \(page.console)")
        }
        let json = String(page.dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        return (object, page.console)
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
    static func double(_ value: Decimal) -> Double { (value as NSDecimalNumber).doubleValue }

    @Test func backtestedReportRendersWithoutConsoleErrorsAndPlotsTheProjectionTotals() throws {
        guard let chromium = Self.chromium() else { return }
        let database = try Backtested.ledger(portfolio: "bt <b>\"desk\"</b> & co", years: 0.5)
        let path = Backtested.temporaryFile("report.html")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = Backtested.alvh(["report", "--html", path, "--database", database.connectionString])
        #expect(run.status == 0, "\(run.err)")
        let (result, console) = try Self.render(try String(contentsOfFile: path, encoding: .utf8), with: chromium)
        #expect(console.isEmpty, "console messages: \(console)")

        // Each chart exists, is drawn, and has a title.
        let charts = result["charts"] as? [String: [String: Any]] ?? [:]
        for id in ["chart-pnl", "chart-edge", "chart-hedges", "chart-irr", "chart-vix"] {
            #expect(charts[id]?["svg"] as? Bool == true, "\(id) is not drawn")
            #expect((charts[id]?["svgTitle"] as? String ?? "").isEmpty == false, "\(id) has no title")
            #expect((Self.number(charts[id]?["svgWidth"]) ?? 0) > 300, "\(id) has no width in the layout")
        }

        // What is plotted equals the projections' totals.
        let store = try database.store()
        let book = try ProjectionBook.load(store.connection)
        let decisions = try DecisionReport.build(store: store, rule: try FixedRule())
        let pnl = result["pnl"] as? [String: Any] ?? [:]
        #expect(abs((Self.number(pnl["alvh"]) ?? .nan) - Self.double(decisions.tradeTotals.alvh)) < 0.005)
        #expect(abs((Self.number(pnl["fixed"]) ?? .nan) - Self.double(decisions.tradeTotals.fixed)) < 0.005)
        #expect(Self.number(pnl["rug"]) == Double(decisions.lines.filter { $0.kind != "trade" && $0.decidedAt != nil }.count))
        let edge = result["edge"] as? [String: Any] ?? [:]
        let bars = decisions.lines.filter { $0.kind != "trade" }.compactMap(\.edge).reduce(Decimal(0), +)
        #expect(abs((Self.number(edge["sum"]) ?? .nan) - Self.double(bars)) < 0.01, "the bars drawn are the decisions' edges")
        #expect(Self.number(edge["count"]) == Double(decisions.lines.filter { $0.kind != "trade" && $0.edge != nil }.count))
        #expect(Self.number(edge["count"]) ?? 0 > 0, "a half-year backtest makes decisions")
        let cost = Self.number((result["cost"] as? [String: Any])?["sum"]) ?? .nan
        let paid = Self.number((result["paid"] as? [String: Any])?["sum"]) ?? .nan
        let layerNet = book.layers.reduce(Decimal(0)) { $0 + $1.realizedPnL + ($1.unrealizedPnL ?? 0) }
        #expect(abs((paid - cost) - Self.double(layerNet)) < 0.01)
        #expect(abs((Self.number((result["totals"] as? [String: Any])?["sum"]) ?? .nan) - (cost + paid)) < 0.01)
        #expect(Self.number((result["cost"] as? [String: Any])?["count"]) == Double(book.layers.count))
        let months = IRRReport(book: book).periodLines(by: .month, pooled: true)
        let irr = result["irr"] as? [String: Any] ?? [:]
        #expect(abs((Self.number(irr["sum"]) ?? .nan) - Self.double(months.reduce(Decimal(0)) { $0 + $1.pnl })) < 0.005)
        #expect(Self.number(irr["count"]) == Double(months.count))
        let marks = try MarkStore(connection: store.connection).marks(from: .distantPast, to: .distantFuture)
        #expect(Self.number(result["vixPoints"]) == Double(marks.count))
        let inverted = marks.filter { m in m.vix3m.map { $0 > 0 && m.vix / $0 > 1 } ?? false }.count
        #expect(Self.number((result["inverted"] as? [String: Any])?["sum"]) ?? 0 == Double(inverted))
        #expect(Self.number(result["decisionRows"]) == Double(decisions.lines.count))
        #expect(Self.number(result["openRows"]) == Double(book.condors.filter { $0.status == .open }.count))
        #expect(Self.number(result["scripts"]) == 2, "the page's own script and the probe: ledger text never became a script")

        // The numbers agree with `alvh summary --json`.
        let summary = try Backtested.summary(database)
        let metrics = result["metrics"] as? [String: String] ?? [:]
        for key in ["condors_open", "condors_closed", "layers_open", "layers_closed", "realized_pnl", "unrealized_pnl", "condor_fees",
                    "win_rate", "decisions", "trade_edge"] {
            #expect(metrics[key] != nil && metrics[key] == summary[key] as? String, "\(key): report \(metrics[key] ?? "none"), summary \(summary[key] ?? "none")")
        }
        for (group, prefix) in [("realized_xirr", "realized_xirr"), ("total_xirr", "total_xirr")] {
            // Per portfolio and calendar year: {portfolio: {year: rate}}.
            let rates = summary[group] as? [String: [String: Any]] ?? [:]
            #expect(!rates.isEmpty)
            for (portfolio, years) in rates {
                for (year, rate) in years {
                    let shown = metrics["\(prefix)[\(portfolio)][\(year)]"]
                    if let rate = Self.number(rate) {
                        // JSON carries the rate to about 16 significant digits.
                        let difference = abs((shown.flatMap(Double.init) ?? .nan) - rate)
                        #expect(difference <= 1e-12 * max(1, abs(rate)), "\(group)[\(portfolio)][\(year)]: report \(shown ?? "none"), summary \(rate)")
                    } else {
                        #expect(shown == "none")
                    }
                }
            }
        }
        // The plotted whole-trade totals differ by the summary's trade edge.
        let tradeEdge = Double(summary["trade_edge"] as? String ?? "") ?? .nan
        #expect(abs(((Self.number(pnl["alvh"]) ?? 0) - (Self.number(pnl["fixed"]) ?? 0)) - tradeEdge) < 0.005)
    }

    @Test func emptyAndSingleTradePagesRenderCleanly() throws {
        guard let chromium = Self.chromium() else { return }
        for data in [Fixtures.empty(), Fixtures.singleTrade(text: Fixtures.hostile)] {
            let (result, console) = try Self.render(ReportPage.html(data), with: chromium)
            #expect(console.isEmpty, "console messages: \(console)")
            #expect(Self.number(result["scripts"]) == 2)
            let charts = result["charts"] as? [String: [String: Any]] ?? [:]
            #expect(charts.count == 5)
        }
    }

    /// The console check is real: a page with a deliberate error is caught.
    @Test func aConsoleErrorIsCaught() throws {
        guard let chromium = Self.chromium() else { return }
        let broken = ReportPage.html(Fixtures.empty()).replacingOccurrences(of: "</body>", with: "<script>notDefinedAnywhere();</script></body>")
        let (_, console) = try Self.render(broken, with: chromium)
        #expect(console.contains { $0.contains("notDefinedAnywhere") }, "console: \(console)")
    }
}
