import Foundation

/// VIX over time, with the VIX/VIX3M term-structure ratio in a panel beneath it; sessions where the
/// ratio is above 1 (backwardation) are shaded in both panels.
enum VolatilityChart {
    static func html(_ points: [VolatilityPoint], feed: String?) -> String {
        let inverted = points.filter(\.inverted).count
        let maxVIX = points.map(\.vix).max() ?? 0
        let attributes = [("points", String(points.count)), ("inverted", String(inverted)), ("max-vix", Format.plain(maxVIX)),
                          ("last-vix", points.last.map { Format.plain($0.vix) } ?? ""), ("feed", feed ?? "")]
        let heading = "VIX and the term structure"
        let caption = "VIX at each recorded mark\(feed.map { " of feed \(HTML.escape($0))" } ?? ""), highest \(Format.plain(maxVIX)); "
            + "beneath it VIX/VIX3M, shaded on the \(inverted) session\(inverted == 1 ? "" : "s") where it is above 1 (backwardation)."
        guard points.count >= 1 else {
            return figure(id: "chart-vix", heading: heading, caption: caption, attributes: attributes,
                          body: "<p class=\"empty\">No market mark has been recorded yet.</p>")
        }
        var frame = ChartFrame()
        frame.height = 380
        let split = 215.0, gap = 24.0
        var days = points.map(\.date.dayNumber)
        if days.count == 1 { days = [days[0] - 1, days[0] + 1] }
        let x = ChartScale(covering: days, from: frame.plotLeft, to: frame.plotRight, nice: false)
        let vix = ChartScale(covering: points.map { Format.double($0.vix) }, from: split, to: frame.plotTop)
        let ratios = points.compactMap(\.ratio)
        let ratio = ChartScale(covering: ratios, including: [0.8, 1.1], from: frame.plotBottom, to: split + gap)
        let halfStep = points.count > 1 ? (x.upper - x.lower) / Double(points.count - 1) / 2 : 0.5
        var body = frame.open(id: "chart-vix-svg", title: heading, description: caption.replacingOccurrences(of: "&amp;", with: "&"))
        // Shading: one rectangle per run of inverted sessions, across both panels.
        body += "<g class=\"inverted\">"
        var index = 0
        while index < points.count {
            guard points[index].inverted else { index += 1; continue }
            var end = index
            while end + 1 < points.count && points[end + 1].inverted { end += 1 }
            let x0 = max(frame.plotLeft, x(points[index].date.dayNumber - halfStep)), x1 = min(frame.plotRight, x(points[end].date.dayNumber + halfStep))
            body += "<rect x=\"\(svg(x0))\" y=\"\(svg(frame.plotTop))\" width=\"\(svg(max(x1 - x0, 1)))\" height=\"\(svg(frame.plotBottom - frame.plotTop))\" "
                + "data-sessions=\"\(end - index + 1)\"><title>VIX/VIX3M above 1 from \(points[index].date) to \(points[end].date)</title></rect>"
            index = end + 1
        }
        body += "</g>"
        body += frame.yGrid(vix, label: { Format.number($0, digits: 0) })
        body += frame.yGrid(ratio, label: { Format.number($0, digits: 2) })
        body += "<line class=\"parity\" x1=\"\(svg(frame.plotLeft))\" x2=\"\(svg(frame.plotRight))\" y1=\"\(svg(ratio(1)))\" y2=\"\(svg(ratio(1)))\"/>"
        body += frame.dateTicks(x, y: frame.height - 8)
        let vixPath = points.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(svg(x(p.date.dayNumber))),\(svg(vix(Format.double(p.vix))))" }.joined(separator: " ")
        body += "<path class=\"line vix\" d=\"\(vixPath)\"/>"
        var ratioPath = ""
        var pen = "M"
        for p in points {
            guard let r = p.ratio else { pen = "M"; continue }
            ratioPath += "\(pen)\(svg(x(p.date.dayNumber))),\(svg(ratio(r))) "
            pen = "L"
        }
        body += "<path class=\"line ratio\" d=\"\(ratioPath)\"/>"
        body += "<text class=\"panel-label\" x=\"\(svg(frame.plotLeft + 6))\" y=\"\(svg(frame.plotTop + 12))\">VIX</text>"
        body += "<text class=\"panel-label\" x=\"\(svg(frame.plotLeft + 6))\" y=\"\(svg(split + gap + 12))\">VIX / VIX3M\(ratios.isEmpty ? " (not recorded)" : "")</text>"
        body += "</svg><p class=\"legend\" aria-hidden=\"true\"><span class=\"key vix\"></span>VIX <span class=\"key ratio\"></span>VIX/VIX3M <span class=\"key inverted\"></span>ratio above 1</p>"
        return figure(id: "chart-vix", heading: heading, caption: caption, attributes: attributes, body: body)
    }
}
