import Foundation
import Ledger

/// The plot area of one SVG chart and the pieces every chart shares: the accessible `<svg>` opening
/// (role img, `<title>` and `<desc>`), grid lines with value labels, and date ticks.
struct ChartFrame {
    var width: Double = 880
    var height: Double = 300
    var left: Double = 72
    var right: Double = 24
    var top: Double = 16
    var bottom: Double = 36

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    /// `<svg …><title>…</title><desc>…</desc>`; the caller closes it with `</svg>`.
    func open(id: String, title: String, description: String) -> String {
        "<svg viewBox=\"0 0 \(svg(width)) \(svg(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
            + "preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
    }

    /// Horizontal grid lines and labels for `scale` (vertical), between `from` and `to` in x.
    func yGrid(_ scale: ChartScale, label: (Double) -> String, from: Double? = nil, to: Double? = nil) -> String {
        let x0 = from ?? plotLeft, x1 = to ?? plotRight
        var out = "<g class=\"grid\" aria-hidden=\"true\">"
        for tick in scale.ticks {
            let y = scale(tick)
            out += "<line x1=\"\(svg(x0))\" x2=\"\(svg(x1))\" y1=\"\(svg(y))\" y2=\"\(svg(y))\"\(tick == 0 ? " class=\"zero\"" : "")/>"
            out += "<text x=\"\(svg(x0 - 6))\" y=\"\(svg(y + 4))\" text-anchor=\"end\">\(HTML.escape(label(tick)))</text>"
        }
        return out + "</g>"
    }

    /// Month ticks (at most about eight) along `scale` (days since 1970) at `y`.
    func dateTicks(_ scale: ChartScale, y: Double) -> String {
        let first = CalendarDate(newYorkDateOf: Date(timeIntervalSince1970: scale.lower * 86_400 + 43_200))
        let last = CalendarDate(newYorkDateOf: Date(timeIntervalSince1970: scale.upper * 86_400 + 43_200))
        let months = (last.year - first.year) * 12 + last.month - first.month
        var out = "<g class=\"axis\" aria-hidden=\"true\">"
        if months < 2 {
            for (date, anchor) in [(first, "start"), (last, "end")] {
                out += "<text x=\"\(svg(scale(date.dayNumber)))\" y=\"\(svg(y))\" text-anchor=\"\(anchor)\">\(date.description)</text>"
            }
            return out + "</g>"
        }
        let every = max(1, Int((Double(months) / 8).rounded(.up)))
        var year = first.year, month = first.month + 1
        var index = 0
        while true {
            if month > 12 { month = 1; year += 1 }
            guard let date = CalendarDate(year: year, month: month, day: 1), date <= last else { break }
            if index % every == 0 {
                let x = scale(date.dayNumber)
                out += "<line x1=\"\(svg(x))\" x2=\"\(svg(x))\" y1=\"\(svg(y - 14))\" y2=\"\(svg(y - 10))\"/>"
                out += "<text x=\"\(svg(x))\" y=\"\(svg(y))\" text-anchor=\"middle\">\(String(format: "%04d-%02d", year, month))</text>"
            }
            month += 1
            index += 1
        }
        return out + "</g>"
    }
}

/// A `<figure>` around one chart, with machine-readable totals as `data-*` attributes.
func figure(id: String, heading: String, caption: String, attributes: [(String, String)], body: String) -> String {
    let data = attributes.map { HTML.attribute("data-\($0.0)", $0.1) }.joined()
    return "<section class=\"chart-section\" aria-labelledby=\"\(id)-heading\"><h2 id=\"\(id)-heading\">\(HTML.escape(heading))</h2>"
        + "<figure class=\"chart\" id=\"\(id)\" data-chart=\"\(id)\"\(data)>\(body)<figcaption>\(caption)</figcaption></figure></section>"
}
