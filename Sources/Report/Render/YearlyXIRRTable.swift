import Foundation

/// XIRR per portfolio and calendar year (`alvh irr --by year`). Each rate cell carries
/// `data-metric` (`realized_xirr[PORTFOLIO][YEAR]`, `total_xirr[…][…]`, as in `alvh summary --csv`)
/// and `data-value` (the rate, or `none`).
enum YearlyXIRRTable {
    static func html(_ years: [YearlyXIRR]) -> String {
        guard !years.isEmpty else { return "" }
        var out = "<section aria-labelledby=\"xirr-years-heading\"><h2 id=\"xirr-years-heading\">XIRR per calendar year</h2>"
            + "<div class=\"table-wrap\"><table id=\"table-xirr-years\" data-rows=\"\(years.count)\"><caption>XIRR (act/365) of capital-at-risk cash flows "
            + "of the positions that ended in each year (with open positions: also those marked in it, at their last mark). "
            + "No whole-history figure: over years of recycled capital one rate describes only the first year or two.</caption><thead><tr>"
        for (name, numeric) in [("portfolio", false), ("year", false), ("realized P&amp;L", true), ("realized XIRR", true),
                                ("with open P&amp;L", true), ("with open XIRR", true)] {
            out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(name)</th>"
        }
        out += "</tr></thead><tbody>"
        func rate(_ metric: String, _ y: YearlyXIRR, _ value: Double?) -> String {
            let key = "\(metric)[\(y.portfolio)][\(y.year)]"
            return "<td class=\"num\" data-metric=\"\(HTML.escape(key))\" data-value=\"\(value.map { String($0) } ?? "none")\">"
                + "\(value == nil ? "none" : Format.percent(value))</td>"
        }
        for y in years {
            out += "<tr><td>\(HTML.escape(y.portfolio))</td><td>\(HTML.escape(y.year))</td><td class=\"num\">\(Format.money(y.realizedPnL))</td>"
                + rate("realized_xirr", y, y.realizedPnL == nil ? nil : y.realized)
                + "<td class=\"num\">\(Format.money(y.totalPnL))</td>" + rate("total_xirr", y, y.total) + "</tr>"
        }
        return out + "</tbody></table></div></section>"
    }
}
