import Foundation
import Ledger

/// A portfolio's equity curve: cumulative mark-to-market P&L at each session, the ALVH path
/// (solid) against the fixed rule's path of the same condors (dashed).
enum EquityChart {
    static func html(_ view: PerformanceView) -> String {
        let id = "chart-equity-" + PerformanceCharts.slug(view.portfolio)
        let last = view.points.last
        let attributes = [("portfolio", view.portfolio), ("sessions", String(view.points.count)),
                          ("final-alvh", last.map { Format.plain($0.alvh) } ?? ""), ("final-fixed", last?.fixed.map(Format.plain) ?? "")]
        let heading = "Equity curve: \(view.portfolio)"
        let caption = "Cumulative mark-to-market P&L (realized plus unrealized, hedges and fees included) at each of the \(view.points.count) sessions: "
            + "ALVH \(Format.money(last?.alvh)) against the fixed rule's \(Format.money(last?.fixed)) on the same condors (no hedges)."
        guard view.points.count > 1 else {
            return figure(id: id, heading: heading, caption: HTML.escape(caption), attributes: attributes, body: "<p class=\"empty\">Fewer than two sessions.</p>")
        }
        let lines: [(String, [(CalendarDate, Decimal)])] = [
            ("fixed", view.points.compactMap { p in p.fixed.map { (p.date, $0) } }), ("alvh", view.points.map { ($0.date, $0.alvh) }),
        ]
        let body = PerformanceCharts.lines(id: id + "-svg", title: heading, description: HTML.escape(caption), lines)
        return figure(id: id, heading: heading, caption: HTML.escape(caption), attributes: attributes, body: body)
    }
}

/// A portfolio's underwater chart: dollars below the running peak of cumulative P&L at each
/// session, on both paths.
enum UnderwaterChart {
    static func html(_ view: PerformanceView) -> String {
        let id = "chart-underwater-" + PerformanceCharts.slug(view.portfolio)
        let deepest = view.points.map(\.alvhDrawdown).min() ?? 0
        let deepestFixed = view.points.compactMap(\.fixedDrawdown).min()
        let attributes = [("portfolio", view.portfolio), ("max-drawdown-alvh", Format.plain(deepest)),
                          ("max-drawdown-fixed", deepestFixed.map(Format.plain) ?? "")]
        let heading = "Drawdown (underwater): \(view.portfolio)"
        let caption = "Dollars below the highest cumulative P&L so far, at each session: ALVH at worst \(Format.money(deepest)), "
            + "the fixed rule at worst \(Format.money(deepestFixed))."
        guard view.points.count > 1 else {
            return figure(id: id, heading: heading, caption: HTML.escape(caption), attributes: attributes, body: "<p class=\"empty\">Fewer than two sessions.</p>")
        }
        let lines: [(String, [(CalendarDate, Decimal)])] = [
            ("fixed", view.points.compactMap { p in p.fixedDrawdown.map { (p.date, $0) } }), ("alvh", view.points.map { ($0.date, $0.alvhDrawdown) }),
        ]
        let body = PerformanceCharts.lines(id: id + "-svg", title: heading, description: HTML.escape(caption), lines)
        return figure(id: id, heading: heading, caption: HTML.escape(caption), attributes: attributes, body: body)
    }
}

/// What the equity and underwater charts share: an id from the portfolio's name and dated lines.
enum PerformanceCharts {
    /// Lower-case letters and digits of `name`, others as `-`, plus a short digest so names differing
    /// only in other characters stay apart.
    static func slug(_ name: String) -> String {
        let kept = String(name.lowercased().unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" }.prefix(40))
        let digest = name.unicodeScalars.reduce(UInt32(2_166_136_261)) { ($0 ^ $1.value) &* 16_777_619 }
        return kept + "-" + String(digest, radix: 16)
    }

    /// An SVG of polylines by date (series `alvh` solid, `fixed` dashed) on one dollar scale.
    static func lines(id: String, title: String, description: String, _ series: [(String, [(CalendarDate, Decimal)])]) -> String {
        let frame = ChartFrame()
        let all = series.flatMap(\.1)
        let days = all.map(\.0.dayNumber)
        let x = ChartScale(covering: [days.min()!, max(days.max()!, days.min()! + 1)], from: frame.plotLeft, to: frame.plotRight, nice: false)
        let y = ChartScale(covering: all.map { Format.double($0.1) }, including: [0], from: frame.plotBottom, to: frame.plotTop)
        var body = frame.open(id: id, title: title, description: description)
        body += frame.yGrid(y, label: Format.compactMoney)
        body += frame.dateTicks(x, y: frame.height - 8)
        for (name, points) in series where !points.isEmpty {
            let d = points.enumerated().map { index, point in
                "\(index == 0 ? "M" : "L")\(svg(x(point.0.dayNumber))),\(svg(y(Format.double(point.1))))"
            }.joined(separator: " ")
            body += "<path class=\"line \(name)\" d=\"\(d)\" data-series=\"\(name)\" data-final=\"\(Format.plain(points.last!.1))\"/>"
        }
        body += "</svg><p class=\"legend\" aria-hidden=\"true\"><span class=\"key alvh\"></span>ALVH path <span class=\"key fixed\"></span>fixed rule (dashed)</p>"
        return body
    }
}
