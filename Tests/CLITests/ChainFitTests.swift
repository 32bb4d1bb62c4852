import Finance
import Foundation
import Testing
import TestSupport

/// `alvh calc skew-fit` and `chain-fit` on the real CBOE chains of ../shared/data/spx_chains.
/// The chains were split before fitting, alternately by date: training 2021-06-15, 2022-06-10,
/// 2023-03-15, 2024-01-05, 2026-03-13; held out 2022-02-18, 2023-02-07, 2023-08-18, 2025-01-06.
@Suite("Chain fit (real CBOE chains)")
struct ChainFitTests {
    static var data: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    static let training = ["20210615", "20220610", "20230315", "20240105", "20260313"]
    static let heldOut = ["20220218", "20230207", "20230818", "20250106"]

    static func chainArguments(_ dates: [String]) -> [String] {
        dates.flatMap { ["--chain", data.appendingPathComponent("spx_chains/spx_chain_\($0).csv").path] }
    }

    static var levelArguments: [String] {
        ["--vix", data.appendingPathComponent("vix_daily.csv").path, "--vix9d", data.appendingPathComponent("vix9d_daily.csv").path,
         "--vix3m", data.appendingPathComponent("vix3m_daily.csv").path]
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = ALVHProcess.run(arguments + ["--json"])
        try #require(run.status == 0, "alvh \(arguments.joined(separator: " ")): \(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").last { $0.hasPrefix("{") })
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// (quote date, expiry) → the condor's JSON, for every expiry whose condor could be checked.
    static func checkedCondors(_ report: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for chain in report["chains"] as? [[String: Any]] ?? [] {
            for expiry in chain["expiries"] as? [[String: Any]] ?? [] {
                guard let condor = expiry["condor"] as? [String: Any], condor["meets_targets"] is Bool else { continue }
                out["\(chain["quote_date"]!) \(expiry["expiry"]!)"] = condor
            }
        }
        return out
    }

    @Test("skew-fit on the training chains reproduces the shipped defaults")
    func fitReproducesTheDefaults() throws {
        let fit = try Self.json(["calc", "skew-fit"] + Self.chainArguments(Self.training) + Self.levelArguments)
        let shipped = VolatilitySkew()
        for (name, value) in shipped.parameters {
            let printed = try #require(fit[name] as? Double, "\(name) missing")
            #expect(abs(printed - value) <= 1e-12 * max(1, abs(value)), "\(name): fit \(printed), shipped \(value)")
        }
        let stats = try #require(fit["fit"] as? [String: Any])
        #expect(stats["expiries"] as? Int == 95)
        #expect((stats["rms_relative_error"] as? Double ?? 1) < 0.11)
        #expect((stats["loss"] as? Double ?? 1) < (stats["start_loss"] as? Double ?? 0))
    }

    /// The held-out expiries the model misses, and why (README "Priced like the market"): on
    /// 2025-01-06 options were cheap against VIX/VIX3M — the model's 16-delta call 10–15 % above the
    /// real one, the exchange closed 2025-01-09 (one trading day fewer in every later expiry), 01-13 and 01-21
    /// come after a weekend (01-21 after a three-day one); on 2022-02-18 the 41-day call wing sat
    /// 14 % below the model, so the model's short call is a 12-delta (its credit is within 15 %).
    static let knownMisses: [String: String] = [
        "2022-02-18 2022-03-31": "call delta", "2025-01-06 2025-01-13": "credit", "2025-01-06 2025-01-21": "credit",
        "2025-01-06 2025-01-24": "credit", "2025-01-06 2025-02-21": "credit", "2025-01-06 2025-02-28": "credit",
    ]

    @Test("held-out chains: every checkable 7–70-day condor within 15 % of the real credit and 0.04 of 16 delta, except the documented misses")
    func heldOutTargets() throws {
        let report = try Self.json(["calc", "chain-fit"] + Self.chainArguments(Self.heldOut) + Self.levelArguments)
        let condors = Self.checkedCondors(report)
        #expect(condors.count == 36)
        var ratios: [Double] = []
        for (key, condor) in condors.sorted(by: { $0.key < $1.key }) {
            let ratio = try #require(condor["credit_ratio"] as? Double)
            let put = abs(try #require(condor["short_put_real_delta"] as? Double)), call = try #require(condor["short_call_real_delta"] as? Double)
            ratios.append(ratio)
            let meets = try #require(condor["meets_targets"] as? Bool)
            #expect(meets == (abs(ratio - 1) <= 0.15 && abs(put - 0.16) <= 0.04 && abs(call - 0.16) <= 0.04))
            switch Self.knownMisses[key] {
            case nil:
                #expect(meets, "\(key): credit ratio \(ratio), real deltas \(put) / \(call)")
            case "credit"?:
                #expect(!meets && ratio > 1.15 && abs(put - 0.16) <= 0.04, "\(key): documented as a credit miss: ratio \(ratio), deltas \(put) / \(call)")
            default:
                #expect(!meets && abs(ratio - 1) <= 0.15 && call < 0.12, "\(key): documented as a call-delta miss: ratio \(ratio), call \(call)")
            }
        }
        let median = ratios.sorted()[ratios.count / 2]
        #expect(median > 0.95 && median < 1.05, "median credit ratio \(median)")
    }

    @Test("before: the previous skew (VIX only, rate 3 %, dividend 1.5 %) sells condors for ≈ 1.4× the real credit")
    func previousModel() throws {
        let old = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-old-skew-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: old) }
        // The skew before the fit in this form: put 1 + 1.2(1 − e^(m/0.4)), call 1 − 0.3(1 − e^(−m/0.4)), m = k/√t, ATM 0.9 × VIX.
        try Data(#"{"atmFactor":0.9,"atmTenorExponent":0,"moneynessTimeExponent":0.5,"putSlope":3,"putScale":0.4,"callSlope":0.75,"callScale":0.4,"minimum":0.01,"maximum":5}"#.utf8).write(to: old)
        let report = try Self.json(["calc", "chain-fit", "--skew", old.path, "--rate", "0.03", "--dividend-yield", "0.015", "--vix",
                                    Self.data.appendingPathComponent("vix_daily.csv").path] + Self.chainArguments(Self.training + Self.heldOut))
        let ratios = Self.checkedCondors(report).values.compactMap { $0["credit_ratio"] as? Double }.sorted()
        #expect(ratios.count >= 60)
        #expect(ratios[ratios.count / 2] > 1.35)
        #expect(Self.checkedCondors(report).values.filter { $0["meets_targets"] as? Bool == true }.count < 10)
    }

    @Test("tables, CSV and the parity line; levels as numbers equal levels read from the files")
    func outputs() throws {
        let chain = Self.chainArguments(["20230818"])
        let table = ALVHProcess.run(["calc", "chain-fit"] + chain + ["--vix", "17.3", "--vix9d", "16.54", "--vix3m", "19.24"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("quote date 2023-08-18, spot 4369.71; VIX9D 16.54, VIX 17.3, VIX3M 19.24; rate 0.04, dividend yield 0.013"))
        #expect(table.stdout.contains("put-call parity (median over expiries ≥ 14 days): rate 0.04"))
        #expect(table.stdout.contains("2023-09-15  SPXW   28  put16"))
        #expect(table.stdout.contains("of 14 checked"))
        let csv = ALVHProcess.run(["calc", "chain-fit", "--csv"] + chain + Self.levelArguments)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("chain,quote_date,spot,expiry,root,dte,t_years,put25_strike,") == true)
        #expect(lines.count == 1 + 22) // one row per expiry with 7–70 days
        let fromNumbers = try Self.json(["calc", "chain-fit"] + chain + ["--vix", "17.3", "--vix9d", "16.54", "--vix3m", "19.24"])
        let fromFiles = try Self.json(["calc", "chain-fit"] + chain + Self.levelArguments)
        #expect(NSDictionary(dictionary: fromNumbers) == NSDictionary(dictionary: fromFiles))
    }

    @Test("bad input names the flag, file, line or column; exit 2")
    func badInput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = try String(contentsOf: Self.data.appendingPathComponent("spx_chains/spx_chain_20230818.csv"), encoding: .utf8)
        var lines = real.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func write(_ name: String, _ text: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let unknown = try write("unknown.csv", ([lines[0].replacingOccurrences(of: "call_net", with: "call_change")] + lines.dropFirst()).joined(separator: "\n"))
        lines[3] = lines[3].components(separatedBy: ",").dropLast().joined(separator: ",")
        let short = try write("short.csv", lines.joined(separator: "\n"))
        lines[3] = real.split(separator: "\n")[3].replacingOccurrences(of: ",4369.71,", with: ",x,")
        let text = try write("text.csv", lines.joined(separator: "\n"))
        let cases: [([String], String)] = [
            (["--chain", directory.appendingPathComponent("none.csv").path, "--vix", "17"], "--chain: cannot read"),
            (["--chain", unknown, "--vix", "17"], "line 1, column 7: unknown column `call_change`"),
            (["--chain", short, "--vix", "17"], "short.csv: line 4: has 23 fields, the header has 24"),
            (["--chain", text, "--vix", "17"], "text.csv: line 4, column 2 (underlying_last): must be a number (got \"x\")"),
            (Self.chainArguments(["20230818"]) + ["--vix", "0"], "--vix: must be a level greater than 0 or a file (got 0)"),
            (Self.chainArguments(["20230818"]) + ["--vix", Self.data.appendingPathComponent("fomc_dates.csv").path], "--vix: "),
            (Self.chainArguments(["20230818"]) + ["--vix", "17", "--vix3m", try write("vix3m.csv", "date,close\n2023-08-17,19.21\n")],
             "--vix3m: \(directory.path)/vix3m.csv has no close for the chain's quote date 2023-08-18"),
            (Self.chainArguments(["20230818"]) + ["--vix", "17", "--rate", "0.9"], "--rate: must be between -0.1 and 0.5"),
        ]
        for (arguments, message) in cases {
            let run = ALVHProcess.run(["calc", "chain-fit"] + arguments)
            #expect(run.status == 2, "\(arguments): status \(run.status) \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let fit = ALVHProcess.run(["calc", "skew-fit", "--chain", short, "--vix", "17"])
        #expect(fit.status == 2 && fit.stderr.contains("line 4: has 23 fields"))
    }
}
