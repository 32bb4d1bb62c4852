import Finance
import Foundation
import Strategy
import Study

/// `alvh study`'s table, CSV and JSON: every number formatted the same way on every run.
enum StudyOutput {
    static func number(_ x: Double?, _ digits: Int = 4) -> String { x.map { String(format: "%.\(digits)f", $0) } ?? "none" }
    static func money(_ x: Decimal) -> String { ReviewOutput.money(x) }

    static func table(_ result: StudyResult) -> [String] {
        var lines = ["study: objective \(result.objective.rawValue), \(result.windows.count) window(s)"]
        for (w, window) in result.windows.enumerated() {
            lines.append("")
            lines.append("window \(w + 1): train \(window.window.train), test \(window.window.test)")
            for policy in window.policies {
                lines.append("  \(policy.policy.rawValue): \(policy.candidatesTried) candidate(s); deflated Sharpe of the chosen in sample \(number(policy.deflatedSharpe))")
                let rows = policy.best.enumerated().map { rank, c in
                    [String(rank + 1), c.label, number(c.score), number(c.outOfSample.map { result.objective.score($0) } ?? nil),
                     money(c.inSample.pnl), c.outOfSample.map { money($0.pnl) } ?? "none"]
                }
                lines += indent(render(["rank", "candidate", "objective in", "objective out", "P&L in", "P&L out"], rows), "    ")
            }
        }
        lines.append("")
        lines.append("stitched out of sample (each window's chosen candidate on its test window)")
        lines += render(["figure"] + result.stitched.map(\.policy.rawValue), stitchedRows(result))
        return lines
    }

    static func stitchedRows(_ result: StudyResult) -> [[String]] {
        let s = result.stitched
        func row(_ name: String, _ value: (StitchedResult) -> String) -> [String] { [name] + s.map(value) }
        return [
            row("candidates per window") { String($0.candidatesPerWindow) },
            row("candidates tried") { String($0.candidatesTried) },
            row("objective in sample") { number($0.inSampleScore) },
            row("objective out of sample") { number($0.outOfSampleScore) },
            row("degradation (out − in)") { number($0.degradation) },
            row("P&L in sample") { money($0.inSample.pnl) },
            row("P&L out of sample") { money($0.outOfSample.pnl) },
            row("return on capital-time out") { number($0.outOfSample.returnOnCapitalTime) },
            row("Sharpe out") { number($0.outOfSample.statistics.sharpe) },
            row("Calmar out") { number($0.outOfSample.statistics.calmar) },
            row("max drawdown out") { number($0.outOfSample.statistics.maxDrawdown) },
            row("condors out") { String($0.outOfSample.condors) },
            row("sessions out") { String($0.outOfSample.dates.count) },
            row("deflated Sharpe out") { number($0.deflatedSharpe) },
        ]
    }

    static func render(_ header: [String], _ rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
    }

    static func indent(_ lines: [String], _ prefix: String) -> [String] { lines.map { prefix + $0 } }

    static func printCSV(_ result: StudyResult) {
        var rows: [[String]] = []
        for (w, window) in result.windows.enumerated() {
            for policy in window.policies {
                for (rank, c) in policy.best.enumerated() {
                    rows.append(["window", String(w + 1), window.window.train.description, window.window.test.description, policy.policy.rawValue,
                                 String(rank + 1), c.label, number(c.score), number(c.outOfSample.map { result.objective.score($0) } ?? nil),
                                 money(c.inSample.pnl), c.outOfSample.map { money($0.pnl) } ?? "none", rank == 0 ? number(policy.deflatedSharpe) : ""])
                }
            }
        }
        for s in result.stitched {
            rows.append(["stitched", "", "", "", s.policy.rawValue, "", "\(s.candidatesTried) tried", number(s.inSampleScore), number(s.outOfSampleScore),
                         money(s.inSample.pnl), money(s.outOfSample.pnl), number(s.deflatedSharpe)])
        }
        ReviewOutput.csv(["row", "window", "train", "test", "policy", "rank", "candidate", "objective_in", "objective_out", "pnl_in", "pnl_out",
                          "deflated_sharpe"], rows)
    }

    static func json(_ result: StudyResult) -> [String: Any] {
        func figures(_ f: StudyFigures) -> [String: Any] {
            let s = f.statistics
            return ["pnl": money(f.pnl), "return_on_capital_time": f.returnOnCapitalTime ?? NSNull(), "sharpe": s.sharpe ?? NSNull(),
                    "calmar": s.calmar ?? NSNull(), "max_drawdown": s.maxDrawdown ?? NSNull(), "sessions": f.dates.count, "condors": f.condors]
        }
        let windows: [[String: Any]] = result.windows.map { window in
            ["train": window.window.train.description, "test": window.window.test.description,
             "policies": window.policies.map { p -> [String: Any] in
                 ["policy": p.policy.rawValue, "candidates": p.candidatesTried, "deflated_sharpe": p.deflatedSharpe ?? NSNull(),
                  "chosen": p.chosen.label,
                  "best": p.best.map { c -> [String: Any] in
                      ["index": c.index, "candidate": c.label, "objective_in": c.score ?? NSNull(), "in_sample": figures(c.inSample),
                       "out_of_sample": c.outOfSample.map(figures) ?? NSNull()]
                  }]
             }]
        }
        let stitched: [[String: Any]] = result.stitched.map { s in
            ["policy": s.policy.rawValue, "candidates_per_window": s.candidatesPerWindow, "candidates_tried": s.candidatesTried,
             "objective_in": s.inSampleScore ?? NSNull(), "objective_out": s.outOfSampleScore ?? NSNull(), "degradation": s.degradation ?? NSNull(),
             "in_sample": figures(s.inSample), "out_of_sample": figures(s.outOfSample), "deflated_sharpe": s.deflatedSharpe ?? NSNull()]
        }
        return ["objective": result.objective.rawValue, "windows": windows, "stitched": stitched]
    }
}
