import Foundation

/// A portfolio's statistics per calendar year on both paths (`alvh stats --by year`).
enum YearTable {
    static func html(_ view: PerformanceView) -> String {
        let id = "table-years-" + PerformanceCharts.slug(view.portfolio)
        var out = "<section aria-labelledby=\"\(id)-heading\"><h2 id=\"\(id)-heading\">Per year: \(HTML.escape(view.portfolio))</h2>"
        guard !view.years.isEmpty else { return out + "<p class=\"empty\">No session yet.</p></section>" }
        out += "<div class=\"table-wrap\"><table id=\"\(id)\" data-rows=\"\(view.years.count)\"><caption>Daily returns on \(HTML.escape(view.returnsOn)); "
            + "return on capital-time = P&L ÷ Σ capital at risk × days × 365; drawdowns in dollars within the year; win rate of the condors that ended in it.</caption><thead><tr>"
        for (name, numeric) in [("year", false), ("P&L ALVH", true), ("P&L fixed", true), ("return on capital-time ALVH", true), ("fixed", true),
                                ("Sharpe ALVH", true), ("fixed", true), ("max drawdown ALVH", true), ("fixed", true), ("win rate ALVH", true), ("fixed", true)] {
            out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(name)</th>"
        }
        out += "</tr></thead><tbody>"
        func ratio(_ value: Double?) -> String { value.map { Format.number($0) } ?? "none" }
        func rate(_ value: Double?) -> String { value == nil ? "none" : Format.percent(value) }
        for y in view.years {
            out += "<tr data-year=\"\(y.year)\" data-pnl-alvh=\"\(Format.plain(y.alvhPnL))\"><td>\(y.year)</td>"
                + "<td class=\"num\">\(Format.money(y.alvhPnL))</td><td class=\"num\">\(Format.money(y.fixedPnL))</td>"
                + "<td class=\"num\">\(rate(y.alvhReturnOnCapitalTime))</td><td class=\"num\">\(rate(y.fixedReturnOnCapitalTime))</td>"
                + "<td class=\"num\">\(ratio(y.alvhSharpe))</td><td class=\"num\">\(ratio(y.fixedSharpe))</td>"
                + "<td class=\"num\">\(Format.money(y.alvhMaxDrawdown))</td><td class=\"num\">\(Format.money(y.fixedMaxDrawdown))</td>"
                + "<td class=\"num\">\(rate(y.alvhWinRate))</td><td class=\"num\">\(rate(y.fixedWinRate))</td></tr>"
        }
        return out + "</tbody></table></div></section>"
    }
}
