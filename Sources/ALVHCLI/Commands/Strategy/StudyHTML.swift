import Foundation
import Study

/// `alvh study --html FILE`: one self-contained page with each policy's in-sample objective per
/// candidate and window (a heat map: green best, red worst in the window) and the stitched
/// out-of-sample cumulative P&L of each policy (SVG).
enum StudyHTML {
    static func write(_ result: StudyResult, to path: String) throws {
        do { try page(result).write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CLIFailure.invalid("--html", "cannot write '\(path)' (\(error.localizedDescription))")
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func page(_ result: StudyResult) -> String {
        var html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>alvh study</title><style>"
            + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:2px 6px;border:1px solid #ccc;font-size:12px}"
            + "</style></head><body><h1>Walk-forward study (objective \(result.objective.rawValue))</h1>"
        html += "<h2>Out-of-sample cumulative P&amp;L, dollars</h2>" + equity(result)
        for p in result.stitched.indices {
            html += "<h2>\(result.stitched[p].policy.rawValue): in-sample objective by candidate and window</h2>" + heatMap(result, policy: p)
        }
        return html + "</body></html>\n"
    }

    static func heatMap(_ result: StudyResult, policy p: Int) -> String {
        guard let first = result.windows.first?.policies[p] else { return "" }
        var html = "<table><tr><th>candidate</th>" + result.windows.indices.map { "<th>window \($0 + 1)</th>" }.joined() + "</tr>"
        let labels = labelsByIndex(result, policy: p, count: first.scores.count)
        for index in first.scores.indices {
            html += "<tr><td>\(escape(labels[index]))</td>"
            for window in result.windows {
                let scores = window.policies[p].scores
                let values = scores.compactMap { $0 }
                guard let score = scores[index], let low = values.min(), let high = values.max() else { html += "<td>none</td>"; continue }
                let t = high > low ? (score - low) / (high - low) : 0.5
                html += "<td style=\"background:rgb(\(Int(255 * (1 - t))),\(Int(200 * t + 55)),120)\">\(StudyOutput.number(score))</td>"
            }
            html += "</tr>"
        }
        return html + "</table>"
    }

    /// Candidate labels by index where the report names them (the best few), else `#index`.
    static func labelsByIndex(_ result: StudyResult, policy p: Int, count: Int) -> [String] {
        var labels = (0..<count).map { "#\($0 + 1)" }
        for window in result.windows { for c in window.policies[p].best { labels[c.index] = "#\(c.index + 1) \(c.label)" } }
        return labels
    }

    static func equity(_ result: StudyResult) -> String {
        let curves = result.stitched.map { s -> [Double] in
            var total = 0.0
            return s.outOfSample.dailyPnL.map { total += $0; return total }
        }
        let all = curves.flatMap { $0 }
        guard let low = all.min(), let high = all.max(), let length = curves.map(\.count).max(), length > 1 else { return "<p>no sessions</p>" }
        let (width, height) = (900.0, 300.0)
        let colors = ["#1f77b4", "#d62728", "#2ca02c"]
        var svg = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, curve) in curves.enumerated() {
            let points = curve.enumerated().map { x, y in
                String(format: "%.1f,%.1f", Double(x) / Double(length - 1) * width, height - (y - low) / max(high - low, 1) * height)
            }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(colors[i % colors.count])\" points=\"\(points)\"/>"
            svg += "<text x=\"10\" y=\"\(20 + 16 * i)\" fill=\"\(colors[i % colors.count])\">\(result.stitched[i].policy.rawValue)</text>"
        }
        let first = result.stitched.first?.outOfSample.dates.first ?? "", last = result.stitched.first?.outOfSample.dates.last ?? ""
        return svg + "</svg><p>\(first) … \(last); from \(StudyOutput.number(low, 0)) to \(StudyOutput.number(high, 0)) dollars</p>"
    }
}
