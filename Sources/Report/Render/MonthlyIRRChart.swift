import Foundation

/// Realized XIRR of the positions that ended in each month, as bars (clipped at ±300 % a year, with
/// the true rate written on the clipped bar); months without a rate are marked "no rate".
enum MonthlyIRRChart {
    static let clip = 3.0

    static func html(_ months: [MonthlyIRR]) -> String {
        let pnl = months.reduce(Decimal(0)) { $0 + $1.pnl }
        let attributes = [("total-pnl", Format.plain(pnl)), ("months", String(months.count)),
                          ("months-with-rate", String(months.filter { $0.rate != nil }.count))]
        let heading = "Realized IRR by month"
        let caption = "XIRR (act/365) of capital-at-risk cash flows of the positions that ended in each month; "
            + "\(months.count) month\(months.count == 1 ? "" : "s"), realized P&L \(Format.money(pnl)). Rates beyond ±300 % a year are clipped and labelled."
        guard !months.isEmpty else {
            return figure(id: "chart-irr", heading: heading, caption: HTML.escape(caption), attributes: attributes,
                          body: "<p class=\"empty\">No position has closed yet, so there is no realized IRR.</p>")
        }
        let frame = ChartFrame()
        let rates = months.compactMap(\.rate).map { min(max($0, -clip), clip) }
        let y = ChartScale(covering: rates, including: [0], from: frame.plotBottom, to: frame.plotTop)
        let band = (frame.plotRight - frame.plotLeft) / Double(months.count)
        let barWidth = max(1, band * 0.7)
        var body = frame.open(id: "chart-irr-svg", title: heading, description: "Bars of annualised realized rate per month. " + caption)
        body += frame.yGrid(y, label: { Format.percent($0, digits: 0) })
        body += "<g class=\"bars\">"
        let labelEvery = max(1, Int((Double(months.count) / 12).rounded(.up)))
        for (index, month) in months.enumerated() {
            let x0 = frame.plotLeft + Double(index) * band + (band - barWidth) / 2
            let tip = "\(month.month): XIRR \(month.rate.map { Format.percent($0) } ?? "no rate (\(month.noRate ?? ""))"), P&L \(Format.money(month.pnl)) on \(Format.money(month.invested)) invested"
            if let rate = month.rate {
                let shown = min(max(rate, -clip), clip)
                let top = y(max(shown, 0)), bottom = y(min(shown, 0))
                body += "<rect class=\"bar \(rate >= 0 ? "pos" : "neg")\" tabindex=\"0\" x=\"\(svg(x0))\" y=\"\(svg(top))\" width=\"\(svg(barWidth))\" "
                    + "height=\"\(svg(max(bottom - top, 0.5)))\" data-month=\"\(month.month)\" data-rate=\"\(rate)\" data-pnl=\"\(Format.plain(month.pnl))\" "
                    + "aria-label=\"\(HTML.escape(tip))\" data-tip=\"\(HTML.escape(tip))\"><title>\(HTML.escape(tip))</title></rect>"
                if shown != rate {
                    // The true rate on the clipped bar: across it when it fits, else along it.
                    let cx = x0 + barWidth / 2
                    if barWidth >= 34 {
                        body += "<text class=\"clip-label\" x=\"\(svg(cx))\" y=\"\(svg(rate > 0 ? top + 12 : bottom - 4))\" text-anchor=\"middle\">\(Format.percent(rate, digits: 0))</text>"
                    } else {
                        let cy = rate > 0 ? top + 6 : bottom - 6
                        body += "<text class=\"clip-label\" x=\"\(svg(cx))\" y=\"\(svg(cy))\" transform=\"rotate(90 \(svg(cx)) \(svg(cy)))\" "
                            + "text-anchor=\"\(rate > 0 ? "start" : "end")\" dominant-baseline=\"central\">\(Format.percent(rate, digits: 0))</text>"
                    }
                }
            } else {
                body += "<text class=\"no-rate\" tabindex=\"0\" x=\"\(svg(x0 + barWidth / 2))\" y=\"\(svg(y(0) - 4))\" text-anchor=\"middle\" data-month=\"\(month.month)\" "
                    + "data-rate=\"\" data-pnl=\"\(Format.plain(month.pnl))\" data-tip=\"\(HTML.escape(tip))\">n/a<title>\(HTML.escape(tip))</title></text>"
            }
            if index % labelEvery == 0 {
                body += "<text class=\"axis-label\" x=\"\(svg(x0 + barWidth / 2))\" y=\"\(svg(frame.height - 8))\" text-anchor=\"middle\" aria-hidden=\"true\">\(month.month)</text>"
            }
        }
        body += "</g></svg>"
        body += "<details><summary>Data: every month</summary><table><thead><tr><th scope=\"col\">month</th><th scope=\"col\" class=\"num\">XIRR</th>"
            + "<th scope=\"col\" class=\"num\">invested</th><th scope=\"col\" class=\"num\">P&amp;L</th></tr></thead><tbody>"
        for month in months {
            body += "<tr><td>\(month.month)</td><td class=\"num\">\(month.rate.map { Format.percent($0) } ?? "no rate")</td>"
                + "<td class=\"num\">\(Format.money(month.invested))</td><td class=\"num\">\(Format.money(month.pnl))</td></tr>"
        }
        body += "</tbody></table></details>"
        return figure(id: "chart-irr", heading: heading, caption: HTML.escape(caption), attributes: attributes, body: body)
    }
}
