import Foundation

/// The edge (ALVH − fixed, dollars) of each decision as a bar above or below zero, in date order;
/// each bar carries its date, condor, both choices and both P&Ls (hover or focus shows them).
/// Bars are not summed: each decision's paths run to its condor's end, so they overlap.
enum EdgeChart {
    static func html(_ edges: [DecisionEntry]) -> String {
        let positive = edges.filter { ($0.edge ?? 0) > 0 }.count
        let attributes = [("bars", String(edges.count)), ("positive", String(positive))]
        let caption = "\(edges.count) decision\(edges.count == 1 ? "" : "s") with figures; \(positive) beat the fixed rule. "
            + "Each bar runs from its decision to the condor's end, so bars on one condor overlap and are not added up (the whole-trade edge in the summary is the total). "
            + "Hover or focus a bar for its details; the decision table below lists them all."
        let heading = "Edge of each decision over the fixed rule"
        guard !edges.isEmpty else {
            return figure(id: "chart-edge", heading: heading, caption: HTML.escape(caption), attributes: attributes,
                          body: "<p class=\"empty\">No decision has been recorded yet.</p>")
        }
        let frame = ChartFrame()
        let values = edges.map { Format.double($0.edge!) }
        let y = ChartScale(covering: values, including: [0], from: frame.plotBottom, to: frame.plotTop)
        let band = (frame.plotRight - frame.plotLeft) / Double(edges.count)
        let barWidth = max(1, band * 0.8)
        var body = frame.open(id: "chart-edge-svg", title: heading, description: "Bars of dollars edge per decision in date order. " + caption)
        body += frame.yGrid(y, label: Format.compactMoney)
        body += "<g class=\"bars\">"
        for (index, entry) in edges.enumerated() {
            let edge = entry.edge!
            let value = Format.double(edge)
            let top = y(max(value, 0)), bottom = y(min(value, 0))
            let tip = "\(entry.date?.description ?? "") · condor \(Format.shortID(entry.condorID)) · \(entry.kind)\n"
                + "ALVH: \(entry.alvhChoice) → \(Format.money(entry.alvhPnL))\n"
                + "fixed: \(entry.fixedChoice) → \(Format.money(entry.fixedPnL)) (\(entry.fixedExit))\n"
                + "edge \(Format.money(edge))"
            body += "<rect class=\"bar \(edge >= 0 ? "pos" : "neg")\" tabindex=\"0\" x=\"\(svg(frame.plotLeft + Double(index) * band + (band - barWidth) / 2))\" "
                + "y=\"\(svg(top))\" width=\"\(svg(barWidth))\" height=\"\(svg(max(bottom - top, 0.5)))\" data-edge=\"\(Format.plain(edge))\" "
                + "aria-label=\"\(HTML.escape(tip.replacingOccurrences(of: "\n", with: "; ")))\" data-tip=\"\(HTML.escape(tip))\">"
                + "<title>\(HTML.escape(tip))</title></rect>"
        }
        body += "</g>"
        if let first = edges.first?.date, let last = edges.last?.date {
            body += "<g class=\"axis\" aria-hidden=\"true\"><text x=\"\(svg(frame.plotLeft))\" y=\"\(svg(frame.height - 8))\">\(first)</text>"
                + "<text x=\"\(svg(frame.plotRight))\" y=\"\(svg(frame.height - 8))\" text-anchor=\"end\">\(last)</text></g>"
        }
        body += "</svg><p class=\"legend\" aria-hidden=\"true\"><span class=\"key pos\"></span>ALVH earned more <span class=\"key neg\"></span>the fixed rule earned more</p>"
        return figure(id: "chart-edge", heading: heading, caption: HTML.escape(caption), attributes: attributes, body: body)
    }
}
