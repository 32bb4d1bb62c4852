import Foundation

/// The self-contained HTML page: inline CSS, inline SVG charts, one small inline script for hover
/// and focus details, no network requests.
public enum ReportPage {
    public static func html(_ data: ReportData) -> String {
        let generated = data.generatedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false))
        var body = "<header><h1>ALVH Ledger — performance review</h1><p class=\"meta\">\(HTML.escape(data.scope.description)) · "
            + "events to position \(data.checkpoint) · fixed rule: \(HTML.escape(data.fixedRule)) · made \(generated)</p></header><main>"
        if data.isEmpty {
            body += "<p class=\"nothing\" id=\"nothing-yet\">Nothing recorded yet: no condor or hedge layer in \(HTML.escape(data.scope.description)). "
                + "Record trades with <code>alvh condor open</code>, or fill a ledger with <code>alvh backtest --synthetic</code>.</p>"
        }
        body += headline(data.figures)
        body += YearlyXIRRTable.html(data.figures.yearlyXIRR)
        body += assumptions(data.assumptions)
        body += PnLChart.html(data.pnlPath)
        for view in data.performance { body += EquityChart.html(view) + UnderwaterChart.html(view) + YearTable.html(view) }
        body += EdgeChart.html(data.edges)
        body += HedgeChart.html(data.layers)
        body += MonthlyIRRChart.html(data.months)
        body += VolatilityChart.html(data.volatility, feed: data.volatilityFeed)
        body += Tables.openPositions(data.openPositions)
        body += Tables.decisions(data.decisions, rule: data.fixedRule)
        body += "</main><div id=\"tip\" class=\"tip\" role=\"tooltip\" hidden></div>"
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>ALVH Ledger review — \(HTML.escape(data.scope.description))</title><style>\(css)</style></head><body>\(body)<script>\(script)</script></body></html>\n"
    }

    /// The headline figures, each with `data-metric` (the `alvh summary --json` key) and `data-value`.
    static func headline(_ f: ReviewFigures) -> String {
        let items: [(String, String, String, String)] = [
            ("condors_open", "open condors", String(f.condorsOpen), String(f.condorsOpen)),
            ("condors_closed", "ended condors", String(f.condorsClosed), String(f.condorsClosed)),
            ("layers_open", "open hedge layers", String(f.layersOpen), String(f.layersOpen)),
            ("layers_closed", "closed hedge layers", String(f.layersClosed), String(f.layersClosed)),
            ("realized_pnl", "realized P&L", Format.money(f.realizedPnL), Format.plain(f.realizedPnL)),
            ("unrealized_pnl", "unrealized P&L at last mark", Format.money(f.unrealizedPnL), Format.plain(f.unrealizedPnL)),
            ("condor_fees", "condor fees", Format.money(f.condorFees), Format.plain(f.condorFees)),
            ("win_rate", "win rate", f.winRate.map { Format.percent($0) } ?? "—", f.winRate.map { String(format: "%.4f", $0) } ?? ""),
            ("decisions", "decisions", String(f.decisions), String(f.decisions)),
            ("trade_edge", "ALVH edge over the fixed rule (whole trades)", Format.money(f.tradeEdge), Format.plain(f.tradeEdge)),
        ]
        var out = "<section aria-labelledby=\"summary-heading\"><h2 id=\"summary-heading\">Summary</h2><dl class=\"figures\" id=\"figures\">"
        for (metric, label, shown, value) in items {
            out += "<div class=\"figure\" data-metric=\"\(HTML.escape(metric))\" data-value=\"\(HTML.escape(value))\"><dt>\(HTML.escape(label))</dt><dd>\(HTML.escape(shown))</dd></div>"
        }
        return out + "</dl></section>"
    }

    /// What is compared: the market models and execution, once.
    static func assumptions(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "<section aria-labelledby=\"assumptions-heading\" id=\"assumptions\"><h2 id=\"assumptions-heading\">What is compared</h2>"
            + "<p>Both paths pay the same fills and fees: the ALVH path what was recorded, the fixed rule what the market model below charges "
            + "(each condor's own fees per four legs traded). The headline edge is the whole-trade edge; decision edges overlap and are not summed.</p><ul>"
            + lines.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul></section>"
    }

    static let css = """
    :root{--text:#1f2937;--muted:#4b5563;--grid:#d1d5db;--alvh:#1d4ed8;--fixed:#b45309;--pos:#15803d;--neg:#b91c1c;--cost:#9f1239;--paid:#15803d;--shade:#fde2e2}
    *{box-sizing:border-box}
    body{margin:0 auto;max-width:960px;padding:24px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:#fff}
    h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:32px 0 8px;border-bottom:1px solid var(--grid);padding-bottom:4px}
    .meta,figcaption,caption{color:var(--muted);font-size:.9em}caption{text-align:left;padding:4px 0 8px}
    .nothing{font-size:1.1em;padding:16px;border:1px solid var(--grid);border-radius:6px;background:#f9fafb}
    .empty{color:var(--muted);font-style:italic}
    .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px;margin:0}
    .figure{border:1px solid var(--grid);border-radius:6px;padding:8px 10px}.figure dt{color:var(--muted);font-size:.85em}.figure dd{margin:2px 0 0;font-size:1.15em;font-weight:600;font-variant-numeric:tabular-nums}
    figure{margin:0}svg{display:block;max-width:100%;height:auto;font-size:12px;font-family:inherit}
    svg text{fill:var(--muted)}.grid line{stroke:var(--grid);stroke-width:1}.grid line.zero{stroke:#6b7280}.axis line{stroke:#6b7280}
    .line{fill:none;stroke-width:2.2}.line.alvh{stroke:var(--alvh)}.line.fixed{stroke:var(--fixed);stroke-dasharray:6 4}
    .line.vix{stroke:var(--alvh);stroke-width:1.5}.line.ratio{stroke:#374151;stroke-width:1.3}.parity{stroke:var(--neg);stroke-dasharray:4 3}
    .end-label{font-weight:600}.end-label.alvh{fill:var(--alvh)}.end-label.fixed{fill:var(--fixed)}
    .rug line{stroke:#374151;stroke-width:1}.inverted rect{fill:var(--shade)}
    .bar.pos{fill:var(--pos)}.bar.neg{fill:var(--neg)}.bar.cost{fill:var(--cost)}.bar.paid{fill:var(--paid)}
    .bar:focus,.layer:focus,.no-rate:focus{outline:2px solid #111;outline-offset:1px}.bar:hover,.layer:hover{opacity:.8}
    .clip-label,.total-label,.panel-label{font-weight:600;fill:var(--text)}.clip-label{fill:#fff;font-size:10px}.separator{stroke:var(--grid)}
    .legend{font-size:.85em;color:var(--muted);margin:4px 0}.key{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
    .key.alvh{background:var(--alvh)}.key.fixed{background:repeating-linear-gradient(90deg,var(--fixed) 0 5px,transparent 5px 8px)}.key.rug{width:2px;background:#374151}
    .key.pos{background:var(--pos)}.key.neg{background:var(--neg)}.key.cost{background:var(--cost)}.key.paid{background:var(--paid)}
    .key.vix{background:var(--alvh)}.key.ratio{background:#374151}.key.inverted{background:var(--shade);border:1px solid #e5a5a5}
    .table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.85em}th,td{padding:4px 6px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
    th{background:#f3f4f6}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.pos{color:var(--pos)}td.neg{color:var(--neg)}tr.trade td{background:#f9fafb;font-weight:600}
    #table-open,#table-decisions{font-size:.78em}#table-open th,#table-open td,#table-decisions th,#table-decisions td{padding:3px 4px}td.choice{min-width:11em;max-width:26em;font-size:.92em}td.date{white-space:nowrap}details{margin:6px 0}summary{cursor:pointer;color:var(--alvh)}
    .tip{position:fixed;z-index:10;max-width:420px;padding:6px 8px;background:#111827;color:#fff;border-radius:4px;font-size:12px;white-space:pre-line;pointer-events:none}
    @media print{body{max-width:none;padding:0;font-size:10pt}.tip{display:none}h2{break-after:avoid}section,figure,tr{break-inside:avoid}
    .table-wrap{overflow:visible}details{display:none}a{color:inherit}.inverted rect{fill:#eee}}
    """

    /// Hover and focus details for elements with `data-tip` (text only: `textContent`).
    static let script = """
    (function(){var tip=document.getElementById('tip');if(!tip)return;
    function show(e){var el=e.target.closest&&e.target.closest('[data-tip]');if(!el){tip.hidden=true;return;}
    tip.textContent=el.getAttribute('data-tip');tip.hidden=false;var r=el.getBoundingClientRect();
    var x=(e.clientX||r.left+r.width/2)+12,y=(e.clientY||r.top)+12;tip.style.left=Math.min(x,window.innerWidth-430)+'px';tip.style.top=y+'px';}
    document.addEventListener('mouseover',show);document.addEventListener('focusin',show);
    document.addEventListener('mouseout',function(e){if(!e.relatedTarget||!e.relatedTarget.closest||!e.relatedTarget.closest('[data-tip]'))tip.hidden=true;});
    document.addEventListener('focusout',function(){tip.hidden=true;});})();
    """
}
