import Foundation
import Ledger

/// Cumulative P&L of the ALVH path (solid) against the fixed rule (dashed), trade by trade, with
/// the decisions marked as a rug along the bottom.
enum PnLChart {
    static func html(_ path: PnLPath) -> String {
        let attributes = [("total-alvh", Format.plain(path.alvhTotal)), ("total-fixed", Format.plain(path.fixedTotal)),
                          ("trades", String(path.trades.count)), ("decisions", String(path.decisions.count))]
        let caption = "ALVH \(Format.money(path.alvhTotal)) against the fixed rule's \(Format.money(path.fixedTotal)) over "
            + "\(path.trades.count) trade\(path.trades.count == 1 ? "" : "s"): each condor's whole result (its hedge layers included) counts on the day it ended, "
            + "or at its last mark while open. Ticks along the bottom mark the \(path.decisions.count) decision\(path.decisions.count == 1 ? "" : "s")."
        guard !path.trades.isEmpty else {
            return figure(id: "chart-pnl", heading: "Cumulative P&L: ALVH against the fixed rule", caption: HTML.escape(caption), attributes: attributes,
                          body: "<p class=\"empty\">No condor has a result yet.</p>")
        }
        var frame = ChartFrame()
        frame.bottom = 48
        let points = path.cumulative
        let days = points.map(\.date.dayNumber) + path.decisions.map(\.date.dayNumber)
        var lowDay = days.min()!, highDay = days.max()!
        if lowDay == highDay { lowDay -= 1; highDay += 1 }
        let x = ChartScale(covering: [lowDay - 1, highDay], from: frame.plotLeft, to: frame.plotRight, nice: false)
        let values = points.flatMap { [Format.double($0.alvh), Format.double($0.fixed)] }
        let y = ChartScale(covering: values, including: [0], from: frame.plotBottom, to: frame.plotTop)

        func stepPath(_ value: (CalendarDate, Decimal, Decimal) -> Decimal) -> String {
            var d = "M\(svg(x(lowDay - 1))),\(svg(y(0)))"
            for point in points {
                d += " H\(svg(x(point.date.dayNumber))) V\(svg(y(Format.double(value(point.date, point.alvh, point.fixed)))))"
            }
            return d + " H\(svg(x(highDay)))"
        }
        let description = "Step lines of cumulative dollars P&L by date. " + HTML.escape(caption)
        var body = frame.open(id: "chart-pnl-svg", title: "Cumulative P&L, ALVH against the fixed rule", description: description)
        body += frame.yGrid(y, label: Format.compactMoney)
        body += frame.dateTicks(x, y: frame.height - 8)
        body += "<path class=\"line fixed\" d=\"\(stepPath { _, _, fixed in fixed })\" data-series=\"fixed\" data-final=\"\(Format.plain(path.fixedTotal))\"/>"
        body += "<path class=\"line alvh\" d=\"\(stepPath { _, alvh, _ in alvh })\" data-series=\"alvh\" data-final=\"\(Format.plain(path.alvhTotal))\"/>"
        body += "<g class=\"rug\">"
        for mark in path.decisions {
            let px = x(mark.date.dayNumber)
            body += "<line x1=\"\(svg(px))\" x2=\"\(svg(px))\" y1=\"\(svg(frame.plotBottom + 4))\" y2=\"\(svg(frame.plotBottom + 14))\" "
                + "data-decision=\"\(HTML.escape(mark.kind))\"><title>\(mark.date) \(HTML.escape(mark.kind))</title></line>"
        }
        body += "</g>"
        let last = points.last!
        // End labels: the higher line's above it, the lower one's below, never overlapping.
        let alvhY = y(Format.double(last.alvh)), fixedY = y(Format.double(last.fixed))
        let alvhAbove = alvhY <= fixedY
        var labelAlvh = alvhAbove ? alvhY - 8 : alvhY + 18, labelFixed = alvhAbove ? fixedY + 18 : fixedY - 8
        if abs(labelAlvh - labelFixed) < 16 { if alvhAbove { labelFixed = labelAlvh + 16 } else { labelAlvh = labelFixed + 16 } }
        labelAlvh = min(max(labelAlvh, frame.plotTop + 12), frame.plotBottom - 4)
        labelFixed = min(max(labelFixed, frame.plotTop + 12), frame.plotBottom - 4)
        if abs(labelAlvh - labelFixed) < 16 { if labelAlvh < labelFixed { labelAlvh = labelFixed - 16 } else { labelFixed = labelAlvh - 16 } }
        body += "<text class=\"end-label alvh\" x=\"\(svg(frame.plotRight - 4))\" y=\"\(svg(labelAlvh))\" text-anchor=\"end\">ALVH \(Format.money(last.alvh))</text>"
        body += "<text class=\"end-label fixed\" x=\"\(svg(frame.plotRight - 4))\" y=\"\(svg(labelFixed))\" text-anchor=\"end\">fixed \(Format.money(last.fixed))</text>"
        body += "</svg>"
        body += "<p class=\"legend\" aria-hidden=\"true\"><span class=\"key alvh\"></span>ALVH path <span class=\"key fixed\"></span>fixed rule (dashed) <span class=\"key rug\"></span>decision</p>"
        body += details(points: points, path: path)
        return figure(id: "chart-pnl", heading: "Cumulative P&L: ALVH against the fixed rule", caption: HTML.escape(caption),
                      attributes: attributes, body: body)
    }

    static func details(points: [(date: CalendarDate, alvh: Decimal, fixed: Decimal)], path: PnLPath) -> String {
        var out = "<details><summary>Data: trade results</summary><table><thead><tr><th scope=\"col\">ended</th><th scope=\"col\">condor</th>"
            + "<th scope=\"col\" class=\"num\">ALVH</th><th scope=\"col\" class=\"num\">fixed</th><th scope=\"col\" class=\"num\">cumulative ALVH</th>"
            + "<th scope=\"col\" class=\"num\">cumulative fixed</th></tr></thead><tbody>"
        for (trade, point) in zip(path.trades, points) {
            out += "<tr><td>\(trade.date)</td><td>\(Format.shortID(trade.condorID))</td><td class=\"num\">\(Format.money(trade.alvhPnL))</td>"
                + "<td class=\"num\">\(Format.money(trade.fixedPnL))</td><td class=\"num\">\(Format.money(point.alvh))</td><td class=\"num\">\(Format.money(point.fixed))</td></tr>"
        }
        return out + "</tbody></table></details>"
    }
}
