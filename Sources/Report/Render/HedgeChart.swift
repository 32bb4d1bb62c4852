import Foundation

/// What each hedge layer cost against what it paid (pairs of bars), and the totals.
enum HedgeChart {
    static func html(_ layers: [HedgeLayerOutcome]) -> String {
        let cost = layers.reduce(Decimal(0)) { $0 + $1.cost }, paid = layers.reduce(Decimal(0)) { $0 + $1.paid }
        let attributes = [("total-cost", Format.plain(cost)), ("total-paid", Format.plain(paid)), ("total-net", Format.plain(paid - cost)),
                          ("layers", String(layers.count))]
        let heading = "Hedge layers: cost against payoff"
        let caption = "\(layers.count) layer\(layers.count == 1 ? "" : "s") cost \(Format.money(cost)) and paid \(Format.money(paid)) "
            + "(net \(Format.money(paid - cost))). Paid counts proceeds and, for open layers, their value at the last mark; "
            + "a VIX future's margin is left out of both."
        guard !layers.isEmpty else {
            return figure(id: "chart-hedges", heading: heading, caption: HTML.escape(caption), attributes: attributes,
                          body: "<p class=\"empty\">No hedge layer has been added yet.</p>")
        }
        var frame = ChartFrame()
        frame.height = 340
        frame.bottom = 56
        let totalsWidth = 190.0
        // Per-layer bars and the totals have scales of their own: totals dwarf single layers.
        let y = ChartScale(covering: layers.flatMap { [Format.double($0.cost), Format.double($0.paid)] },
                           including: [0], from: frame.plotBottom, to: frame.plotTop)
        let totalY = ChartScale(covering: [Format.double(cost), Format.double(paid)], including: [0], from: frame.plotBottom, to: frame.plotTop)
        let perLayerRight = frame.plotRight - totalsWidth
        let band = (perLayerRight - frame.plotLeft) / Double(layers.count)
        let barWidth = max(0.5, band * 0.4)
        var body = frame.open(id: "chart-hedges-svg", title: heading, description: "Paired bars per layer in opening order: cost, then payoff; totals on the right. " + caption)
        body += frame.yGrid(y, label: Format.compactMoney)
        body += "<g class=\"bars\">"
        for (index, layer) in layers.enumerated() {
            let x0 = frame.plotLeft + Double(index) * band + band * 0.1
            let tip = "layer \(Format.shortID(layer.layerID)) · \(layer.instrument) · opened \(layer.openedOn) · \(layer.status)\n"
                + "cost \(Format.money(layer.cost)), paid \(Format.money(layer.paid))\(layer.valued ? "" : " (open, no mark)"), net \(Format.money(layer.net))"
            body += "<g class=\"layer\" tabindex=\"0\" data-layer=\"\(layer.layerID.uuidString.lowercased())\" data-cost=\"\(Format.plain(layer.cost))\" "
                + "data-paid=\"\(Format.plain(layer.paid))\" aria-label=\"\(HTML.escape(tip.replacingOccurrences(of: "\n", with: "; ")))\" data-tip=\"\(HTML.escape(tip))\">"
                + "<title>\(HTML.escape(tip))</title>"
            for (offset, value, kind) in [(0.0, layer.cost, "cost"), (barWidth, layer.paid, "paid")] {
                let top = y(Format.double(value))
                body += "<rect class=\"bar \(kind)\" x=\"\(svg(x0 + offset))\" y=\"\(svg(top))\" width=\"\(svg(barWidth))\" height=\"\(svg(max(y(0) - top, 0)))\"/>"
            }
            body += "</g>"
        }
        body += "</g><g class=\"totals\">"
        let tx = perLayerRight + 80
        body += frame.yGrid(totalY, label: Format.compactMoney, from: perLayerRight + 74, to: frame.plotRight)
        for (offset, value, kind, label) in [(0.0, cost, "cost", "total cost"), (50.0, paid, "paid", "total paid")] {
            let top = totalY(Format.double(value))
            body += "<rect class=\"bar \(kind)\" x=\"\(svg(tx + offset))\" y=\"\(svg(top))\" width=\"40\" height=\"\(svg(max(totalY(0) - top, 0)))\" data-total=\"\(Format.plain(value))\">"
                + "<title>\(label) \(Format.money(value))</title></rect>"
            body += "<text class=\"total-label\" x=\"\(svg(tx + offset + 20))\" y=\"\(svg(frame.plotBottom + 16))\" text-anchor=\"middle\">\(kind)</text>"
            body += "<text class=\"total-label\" x=\"\(svg(tx + offset + 20))\" y=\"\(svg(frame.plotBottom + 30))\" text-anchor=\"middle\">\(Format.compactMoney(Format.double(value)))</text>"
        }
        body += "<text class=\"total-label\" x=\"\(svg(tx + 45))\" y=\"\(svg(frame.plotBottom + 46))\" text-anchor=\"middle\">totals</text>"
        body += "<line class=\"separator\" x1=\"\(svg(perLayerRight + 12))\" x2=\"\(svg(perLayerRight + 12))\" y1=\"\(svg(frame.plotTop))\" y2=\"\(svg(frame.plotBottom))\"/></g>"
        if let first = layers.first?.openedOn, let last = layers.last?.openedOn {
            body += "<g class=\"axis\" aria-hidden=\"true\"><text x=\"\(svg(frame.plotLeft))\" y=\"\(svg(frame.plotBottom + 16))\">\(first)</text>"
                + "<text x=\"\(svg(perLayerRight))\" y=\"\(svg(frame.plotBottom + 16))\" text-anchor=\"end\">\(last)</text>"
                + "<text x=\"\(svg((frame.plotLeft + perLayerRight) / 2))\" y=\"\(svg(frame.plotBottom + 34))\" text-anchor=\"middle\">layers in opening order</text></g>"
        }
        body += "</svg><p class=\"legend\" aria-hidden=\"true\"><span class=\"key cost\"></span>cost <span class=\"key paid\"></span>paid</p>"
        body += "<details><summary>Data: every layer</summary><table><thead><tr><th scope=\"col\">layer</th><th scope=\"col\">instrument</th><th scope=\"col\">opened</th>"
            + "<th scope=\"col\">status</th><th scope=\"col\" class=\"num\">cost</th><th scope=\"col\" class=\"num\">paid</th><th scope=\"col\" class=\"num\">net</th></tr></thead><tbody>"
        for layer in layers {
            body += "<tr><td>\(Format.shortID(layer.layerID))</td><td>\(HTML.escape(layer.instrument))</td><td>\(layer.openedOn)</td><td>\(HTML.escape(layer.status))\(layer.valued ? "" : " (no mark)")</td>"
                + "<td class=\"num\">\(Format.money(layer.cost))</td><td class=\"num\">\(Format.money(layer.paid))</td><td class=\"num\">\(Format.money(layer.net))</td></tr>"
        }
        body += "</tbody></table></details>"
        return figure(id: "chart-hedges", heading: heading, caption: HTML.escape(caption), attributes: attributes, body: body)
    }
}
