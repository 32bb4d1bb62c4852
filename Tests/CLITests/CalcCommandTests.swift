import Foundation
import Testing
@testable import ALVHCLI
import Finance

/// `alvh calc …` end to end through `ALVHMain.run`, on the reference files in ../shared/oracles.
@Suite("alvh calc")
struct CalcCommandTests {
    static var oracles: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/oracles")
    }

    /// Parsed CSV: header and rows of fields (no quoting in these files).
    static func parse(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let split = { (line: String) in line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines.first.map(split) ?? [], lines.dropFirst().map(split))
    }

    /// Runs `alvh calc <command> --input <oracle> --output <temp>` and returns (status, input, output).
    static func run(_ command: String, on file: String) throws -> (Int32, String, String) {
        let input = oracles.appendingPathComponent(file)
        let inputText = try #require(try? String(contentsOf: input, encoding: .utf8), "reference file \(input.path) is missing")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-calc-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: output) }
        let status = ALVHMain.run(["calc", command, "--input", input.path, "--output", output.path])
        return (status, inputText, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    /// How far each output can move when each input moves by the ±5e-7 rounding of its printed
    /// 6 decimals (first order, by central differences): the oracle files' outputs were computed from
    /// unrounded inputs (see FinanceTests/RoundedInputFit, which holds every row to the README
    /// tolerances); here each column must match the oracle within that slack plus the README tolerance.
    static func roundingSlack(_ inputs: [Double], _ model: ([Double]) -> [Double]) -> [Double] {
        var slack = [Double](repeating: 0, count: model(inputs).count)
        for j in inputs.indices {
            var up = inputs, down = inputs
            up[j] += 5e-7
            down[j] -= 5e-7
            for (k, (u, d)) in zip(model(up), model(down)).enumerated() { slack[k] += abs(u - d) / 2 }
        }
        return slack
    }

    static func column(_ header: [String], _ name: String) throws -> Int {
        try #require(header.firstIndex(of: name), "missing column \(name)")
    }

    @Test("bsm: the oracle's columns, computed in place, equal to the library at full precision")
    func bsm() throws {
        let (status, inputText, outputText) = try Self.run("bsm", on: "bsm_vectors.csv")
        #expect(status == 0)
        let input = Self.parse(inputText), output = Self.parse(outputText)
        #expect(output.header == input.header) // every output column already exists: replaced in place
        #expect(output.rows.count == 400)
        let c = try ["right", "spot", "strike", "t_years", "rate", "div_yield", "vol"].map { try Self.column(input.header, $0) }
        for (expected, actual) in zip(input.rows, output.rows) {
            #expect(Array(actual[0...6]) == Array(expected[0...6]))
            let n = { (i: Int) in Double(expected[c[i]])! }
            let g = try BlackScholesMerton.greeks(try #require(OptionRight(code: expected[c[0]])), spot: n(1), strike: n(2), timeYears: n(3),
                                                  rate: n(4), dividendYield: n(5), volatility: n(6))
            let library = [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga]
            let right = try #require(OptionRight(code: expected[c[0]]))
            let slack = Self.roundingSlack([n(1), n(6), n(4), n(5)]) { x in
                let g = BlackScholesMerton.uncheckedGreeks(right, spot: x[0], strike: n(2), timeYears: n(3), rate: x[2], dividendYield: x[3], volatility: x[1])
                return [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga]
            }
            for (k, name) in CalcBSM.outputs.enumerated() {
                let index = try Self.column(output.header, name)
                let value = try #require(Double(actual[index]))
                #expect(value == library[k], "\(name): \(actual[index]) does not read back to the library's value")
                let oracle = Double(expected[index])!
                let readme = k == 0 ? 1e-9 * max(1, abs(oracle)) : max(1e-7 * abs(oracle), 1e-9)
                #expect(abs(value - oracle) <= readme + 1.1 * slack[k], "\(name): \(value) vs oracle \(oracle)")
            }
        }
    }

    @Test("black76: price, delta_forward, vega in place")
    func black76() throws {
        let (status, inputText, outputText) = try Self.run("black76", on: "black76_vectors.csv")
        #expect(status == 0)
        let input = Self.parse(inputText), output = Self.parse(outputText)
        #expect(output.header == input.header && output.rows.count == 150)
        let c = try ["right", "forward", "strike", "t_years", "rate", "vol"].map { try Self.column(input.header, $0) }
        for (expected, actual) in zip(input.rows, output.rows) {
            let n = { (i: Int) in Double(expected[c[i]])! }
            let right = try #require(OptionRight(code: expected[c[0]]))
            let slack = Self.roundingSlack([n(1), n(5), n(4)]) { x in
                let g = Black76.uncheckedGreeks(right, forward: x[0], strike: n(2), timeYears: n(3), rate: x[2], volatility: x[1])
                return [g.price, g.forwardDelta, g.vega]
            }
            for (k, name) in CalcBlack76.outputs.enumerated() {
                let index = try Self.column(output.header, name)
                let value = try #require(Double(actual[index])), oracle = Double(expected[index])!
                let readme = k == 0 ? 1e-9 * max(1, abs(oracle)) : max(1e-7 * abs(oracle), 1e-9)
                #expect(abs(value - oracle) <= readme + 1.1 * slack[k], "\(name): \(value) vs oracle \(oracle)")
            }
        }
    }

    @Test("iv: appended after the input columns, recovering the vol column")
    func iv() throws {
        let (status, inputText, outputText) = try Self.run("iv", on: "bsm_vectors.csv")
        #expect(status == 0)
        let input = Self.parse(inputText), output = Self.parse(outputText)
        #expect(output.header == input.header + ["iv"])
        #expect(output.rows.count == 400)
        let c = try ["right", "spot", "strike", "t_years", "rate", "div_yield", "price", "vol"].map { try Self.column(input.header, $0) }
        for (expected, actual) in zip(input.rows, output.rows) {
            #expect(Array(actual.dropLast()) == expected)
            let iv = try #require(Double(actual.last!))
            let n = { (i: Int) in Double(expected[c[i]])! }
            let right = try #require(OptionRight(code: expected[c[0]]))
            // Exactly the library's solve, and a true root: pricing at the printed inputs with the
            // output iv gives back the input price. (The printed vol itself is not the root at the
            // printed, rounded inputs; see FinanceTests/RoundedInputFit.)
            #expect(iv == (try ImpliedVolatility.bsm(price: n(6), right: right, spot: n(1), strike: n(2), timeYears: n(3), rate: n(4), dividendYield: n(5))))
            let repriced = try BlackScholesMerton.price(right, spot: n(1), strike: n(2), timeYears: n(3), rate: n(4), dividendYield: n(5), volatility: iv)
            #expect(abs(repriced - n(6)) <= 1e-9 * max(1, n(6)), "repriced \(repriced) vs \(n(6))")
            #expect(abs(iv - n(7)) <= 1e-3, "iv \(iv) vs vol \(n(7))")
        }
    }

    @Test("metrics: every statistic of metrics_vectors.csv within 1e-9 relative, recomputed in place")
    func metrics() throws {
        let (status, inputText, outputText) = try Self.run("metrics", on: "metrics_vectors.csv")
        #expect(status == 0)
        let input = Self.parse(inputText), output = Self.parse(outputText)
        #expect(output.header == input.header && output.rows.count == 60)
        for name in CalcMetrics.outputs {
            let index = try Self.column(input.header, name)
            for (expected, actual) in zip(input.rows, output.rows) {
                let value = try #require(Double(actual[index]), "case \(expected[0]): \(name) is \(actual[index])")
                let oracle = Double(expected[index])!
                #expect(abs(value - oracle) <= 1e-9 * abs(oracle), "case \(expected[0]): \(name) \(value) vs \(oracle)")
            }
        }
    }

    @Test("xirr: rates and `none` where the oracle has no rate")
    func xirr() throws {
        let (status, inputText, outputText) = try Self.run("xirr", on: "xirr_vectors.csv")
        #expect(status == 0)
        let input = Self.parse(inputText), output = Self.parse(outputText)
        #expect(output.header == input.header && output.rows.count == 102)
        let index = try Self.column(input.header, "xirr")
        for (expected, actual) in zip(input.rows, output.rows) {
            if expected[index] == "none" {
                #expect(actual[index] == "none")
            } else {
                let rate = try #require(Double(actual[index])), oracle = Double(expected[index])!
                #expect(abs(rate - oracle) <= 5e-9 * abs(oracle), "case \(expected[0]): \(rate) vs \(oracle)")
            }
        }
    }

    @Test("extra columns pass through, quoted fields intact")
    func passThrough() throws {
        let text = "note,right,spot,strike,t_years,rate,div_yield,vol\n\"x, y\",p,5000,4900,0.1,0.04,0.01,0.2\n"
        let output = try CalcBSM.transform(text)
        let lines = output.split(separator: "\n")
        #expect(lines[0] == "note,right,spot,strike,t_years,rate,div_yield,vol,price,delta,gamma,vega,theta,rho,vanna,volga")
        #expect(lines[1].hasPrefix("\"x, y\",p,5000,4900,0.1,0.04,0.01,0.2,"))
    }

    @Test("a malformed row names its line, exits 2 and writes nothing")
    func malformed() throws {
        let cases: [(String, (String) throws -> String, String)] = [
            ("right,spot,strike,t_years,rate,div_yield,vol\nc,5000,5000,0.1,0.04,0.01,0.2\nc,5000,abc,0.1,0.04,0.01,0.2\n", CalcBSM.transform, "line 3: strike"),
            ("right,spot,strike,t_years,rate,div_yield,vol\nx,5000,5000,0.1,0.04,0.01,0.2\n", CalcBSM.transform, "line 2: right"),
            ("right,spot,strike,t_years,rate,div_yield,vol\n\nc,5000,5000,0.1,0.04,0.01\n", CalcBSM.transform, "line 3: has 6 fields"),
            ("right,spot,strike,t_years,rate,div_yield,vol\nc,5000,5000,0,0.04,0.01,0.2\n", CalcBSM.transform, "line 2: t_years"),
            ("right,forward,strike,t_years,rate,vol\nc,20,25,0.1,0.04,-1\n", CalcBlack76.transform, "line 2: vol"),
            ("right,spot,strike,t_years,rate,div_yield,price\np,5000,5000,0.1,0.04,0.01,6000\n", CalcIV.transform, "line 2: price: 6000.0 is at or above the upper no-arbitrage bound"),
            ("right,spot,strike,t_years,rate,div_yield,price\nc,5000,4000,0.1,0,0,999\n", CalcIV.transform, "line 2: price: 999.0 is at or below the lower no-arbitrage bound"),
            ("case,dates,amounts\n1,2020-01-01;2020-02-30,-1;2\n", CalcXIRR.transform, "line 2: dates: item 2"),
            ("case,dates,amounts\n1,2020-01-01;2020-02-01,-1\n", CalcXIRR.transform, "line 2: amounts"),
            ("case,returns\n1,0.01;abc\n", CalcMetrics.transform, "line 2: returns: item 2"),
            ("case,returns\n1,0.01;-1.5\n", CalcMetrics.transform, "line 2: returns: item 2 must be a finite simple return above -1"),
            ("case,dates\n1,2020-01-01\n", CalcMetrics.transform, "input: missing column `returns`"),
            ("right,spot,strike,t_years,rate,div_yield\n", CalcBSM.transform, "input: missing column `vol`"),
        ]
        for (text, transform, prefix) in cases {
            do {
                _ = try transform(text)
                Issue.record("accepted: \(text)")
            } catch let failure as CLIFailure {
                #expect(failure.status == .usage)
                #expect(failure.message.hasPrefix(prefix), "\(failure.message)")
            }
        }
        let dir = FileManager.default.temporaryDirectory
        let input = dir.appendingPathComponent("alvh-calc-bad-\(UUID().uuidString).csv")
        let output = dir.appendingPathComponent("alvh-calc-out-\(UUID().uuidString).csv")
        try "right,spot,strike,t_years,rate,div_yield,vol\nc,5000,abc,0.1,0.04,0.01,0.2\n".write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        #expect(ALVHMain.run(["calc", "bsm", "--input", input.path, "--output", output.path]) == 2)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
