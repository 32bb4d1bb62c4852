import Foundation
import Ledger
import Report
import Testing

/// The page as pure text: structure, totals on each chart, the empty and single-trade cases, and
/// escaping of hostile ledger text.
@Suite("Report page (pure)")
struct ReportPageTests {
    /// The `data-…` attributes of the element with `id`.
    static func attributes(of id: String, in html: String) -> [String: String] {
        guard let start = html.range(of: "id=\"\(id)\"") else { return [:] }
        let tagStart = html[..<start.lowerBound].lastIndex(of: "<")!
        let tagEnd = html[start.upperBound...].firstIndex(of: ">")!
        let tag = String(html[tagStart..<tagEnd])
        var result: [String: String] = [:]
        let regex = try! NSRegularExpression(pattern: "data-([a-z-]+)=\"([^\"]*)\"")
        for match in regex.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)) {
            result[String(tag[Range(match.range(at: 1), in: tag)!])] = String(tag[Range(match.range(at: 2), in: tag)!])
        }
        return result
    }

    static let charts = ["chart-pnl", "chart-edge", "chart-hedges", "chart-irr", "chart-vix"]

    @Test func escapesEveryMarkupCharacter() {
        #expect(HTML.escape("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
        #expect(HTML.escape("plain text, 5 % – ok") == "plain text, 5 % – ok")
    }

    @Test func emptyLedgerSaysNothingYet() {
        let html = ReportPage.html(Fixtures.empty())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("id=\"nothing-yet\""))
        #expect(html.contains("Nothing recorded yet"))
        for chart in Self.charts { #expect(html.contains("id=\"\(chart)\""), "\(chart) missing") }
        #expect(!html.contains("<svg"), "no chart is drawn without data")
        #expect(Self.attributes(of: "chart-pnl", in: html)["total-alvh"] == "0")
        #expect(Self.attributes(of: "chart-edge", in: html)["bars"] == "0")
        #expect(Self.attributes(of: "chart-hedges", in: html)["total-net"] == "0")
        #expect(html.contains("No condor is open."))
    }

    @Test func singleTradeDrawsEveryChartWithItsTotals() {
        let html = ReportPage.html(Fixtures.singleTrade())
        #expect(!html.contains("Nothing recorded yet"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)
        for chart in Self.charts {
            #expect(html.contains("aria-labelledby=\"\(chart)-svg-title \(chart)-svg-desc\""), "\(chart) has no accessible title/desc")
        }
        let pnl = Self.attributes(of: "chart-pnl", in: html)
        #expect(pnl["total-alvh"] == "500" && pnl["total-fixed"] == "480" && pnl["trades"] == "1" && pnl["decisions"] == "1")
        let edge = Self.attributes(of: "chart-edge", in: html)
        #expect(edge["total-edge"] == nil && edge["bars"] == "1" && edge["positive"] == "0", "decision edges overlap: no total")
        #expect(html.contains("data-edge=\"-130\""))
        let hedges = Self.attributes(of: "chart-hedges", in: html)
        #expect(hedges["total-cost"] == "176" && hedges["total-paid"] == "96" && hedges["total-net"] == "-80")
        let irr = Self.attributes(of: "chart-irr", in: html)
        #expect(irr["total-pnl"] == "500" && irr["months"] == "1")
        let vix = Self.attributes(of: "chart-vix", in: html)
        #expect(vix["points"] == "2" && vix["inverted"] == "1" && vix["max-vix"] == "24")
        #expect(!html.contains("data-metric=\"decision_edge\""))
        #expect(html.contains("data-metric=\"trade_edge\" data-value=\"20\""))
        #expect(html.contains("data-metric=\"win_rate\" data-value=\"1.0000\""))
        // XIRR per portfolio and calendar year only: the year's cells, no whole-history figure.
        #expect(html.contains("id=\"table-xirr-years\" data-rows=\"1\""))
        #expect(html.contains("data-metric=\"realized_xirr[defer: noise][2026]\" data-value=\"4.1\">410.0%</td>"))
        #expect(html.contains("data-metric=\"total_xirr[defer: noise][2026]\" data-value=\"4.1\">"))
        #expect(!html.contains("data-metric=\"realized_xirr[defer: noise]\""))
        #expect(html.contains("4940<br>5310"), "price break-evens")
        #expect(html.contains("−$80.00"), "display money uses a real minus sign")
    }

    @Test func hostileLedgerTextIsEscapedEverywhere() {
        let html = ReportPage.html(Fixtures.singleTrade(text: Fixtures.hostile))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        // Exactly one script element: the page's own.
        #expect(html.components(separatedBy: "<script").count - 1 == 1)
        #expect(!html.contains("\"quoted\""))
    }

    @Test func pageIsSelfContained() {
        let html = ReportPage.html(Fixtures.singleTrade())
        for forbidden in ["src=", "href=", "url(", "@import", "<link", "<iframe", "fetch(", "XMLHttpRequest", "@font-face"] {
            #expect(!html.contains(forbidden), "the page references something external: \(forbidden)")
        }
        #expect(html.contains("@media print"))
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test func scopeKeepsPortfolioAndDates() {
        let scope = ReportScope(portfolio: "main", from: CalendarDate(year: 2026, month: 1, day: 5), to: CalendarDate(year: 2026, month: 1, day: 31))
        let inside = Date(timeIntervalSince1970: 1_767_657_600) // 2026-01-06 00:00Z = 2026-01-05 New York
        #expect(scope.contains(portfolio: "main", openedAt: inside))
        #expect(!scope.contains(portfolio: "other", openedAt: inside))
        #expect(!scope.contains(portfolio: "main", openedAt: Date(timeIntervalSince1970: 1_767_571_200))) // 2026-01-04 NY
        #expect(!scope.contains(date: CalendarDate(year: 2026, month: 2, day: 1)!))
        #expect(ReportScope.all.contains(date: CalendarDate(year: 1999, month: 1, day: 1)!))
    }
}
