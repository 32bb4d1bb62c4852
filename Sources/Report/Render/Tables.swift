import Foundation

/// The report's tables: open positions with greeks and break-evens, and the decision table.
enum Tables {
    static func openPositions(_ positions: [OpenPosition]) -> String {
        var out = "<section aria-labelledby=\"open-heading\"><h2 id=\"open-heading\">Open positions</h2>"
        guard !positions.isEmpty else { return out + "<p class=\"empty\">No condor is open.</p></section>" }
        out += "<div class=\"table-wrap\"><table id=\"table-open\" data-rows=\"\(positions.count)\"><caption>Greeks are the whole position's, in dollars: delta per SPX point, "
            + "gamma per point², theta per day, vega per volatility point, volga per point². Break-evens (B/E): price, short put − credit and short call + credit; "
            + "volatility: the flat implied volatility at which the mark reaches the fixed rule's stop.</caption><thead><tr>"
        for (name, numeric) in [("condor", false), ("portfolio", false), ("strikes", false), ("expiry", false), ("qty", true), ("credit", true), ("mark", true),
                                ("unrealized", true), ("delta", true), ("gamma", true), ("theta", true), ("vega", true), ("volga", true),
                                ("price B/E", true), ("vol B/E", true)] {
            out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(name)</th>"
        }
        out += "</tr></thead><tbody>"
        for p in positions {
            let g = p.greeks
            func greek(_ value: Double?, _ digits: Int) -> String { value.map { Format.number($0, digits: digits) } ?? "—" }
            out += "<tr><td>\(Format.shortID(p.condorID))</td><td>\(HTML.escape(p.portfolio))</td><td>\(HTML.escape(p.underlying)) \(HTML.escape(p.strikes))</td>"
                + "<td class=\"date\">\(p.expiry)</td><td class=\"num\">\(p.contracts)</td><td class=\"num\">\(Format.plain(p.cumulativeCredit))</td>"
                + "<td class=\"num\">\(p.markValue.map(Format.plain) ?? "—")</td><td class=\"num\">\(Format.money(p.unrealizedPnL))</td>"
                + "<td class=\"num\">\(greek(g?.delta, 1))</td><td class=\"num\">\(greek(g?.gamma, 3))</td><td class=\"num\">\(greek(g?.theta, 2))</td>"
                + "<td class=\"num\">\(greek(g?.vega, 2))</td><td class=\"num\">\(greek(g?.volga, 3))</td>"
                + "<td class=\"num\">\(p.lowerBreakEven.map(Format.plain) ?? "—")<br>\(p.upperBreakEven.map(Format.plain) ?? "—")</td>"
                + "<td class=\"num\">\(HTML.escape(p.volatilityBreakEven ?? "—"))</td></tr>"
        }
        return out + "</tbody></table></div></section>"
    }

    static func decisions(_ entries: [DecisionEntry], rule: String) -> String {
        var out = "<section aria-labelledby=\"decisions-heading\"><h2 id=\"decisions-heading\">Decisions</h2>"
        guard !entries.isEmpty else { return out + "<p class=\"empty\">No decision has been recorded yet.</p></section>" }
        out += "<div class=\"table-wrap\"><table id=\"table-decisions\" data-rows=\"\(entries.count)\"><caption>Each decision against the fixed rule (\(HTML.escape(rule))) "
            + "from the same state; a whole-trade line per condor applies the rule from the opening. Dollars; edge = ALVH − fixed.</caption><thead><tr>"
        for (name, numeric) in [("date", false), ("condor", false), ("decision", false), ("ALVH choice", false), ("fixed rule", false), ("fixed exit", false),
                                ("ALVH P&amp;L", true), ("fixed P&amp;L", true), ("edge", true), ("valued", false)] {
            out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(name)</th>"
        }
        out += "</tr></thead><tbody>"
        for e in entries {
            let edgeClass = e.edge.map { $0 > 0 ? " pos" : $0 < 0 ? " neg" : "" } ?? ""
            out += "<tr\(e.isTrade ? " class=\"trade\"" : "")><td class=\"date\">\(e.date?.description ?? "whole trade")</td><td>\(Format.shortID(e.condorID))</td>"
                + "<td>\(HTML.escape(e.kind))</td><td class=\"choice\">\(HTML.escape(e.alvhChoice))</td><td class=\"choice\">\(HTML.escape(e.fixedChoice))</td><td>\(HTML.escape(e.fixedExit))</td>"
                + "<td class=\"num\">\(Format.money(e.alvhPnL))</td><td class=\"num\">\(Format.money(e.fixedPnL))</td>"
                + "<td class=\"num\(edgeClass)\" data-edge=\"\(e.edge.map(Format.plain) ?? "")\">\(Format.money(e.edge))</td>"
                + "<td>\(HTML.escape(e.note ?? e.valuation))</td></tr>"
        }
        return out + "</tbody></table></div></section>"
    }
}
