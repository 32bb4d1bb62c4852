import Foundation
import Testing
@testable import Finance

@Suite("Black-Scholes-Merton")
struct BlackScholesMertonTests {
    /// See `RoundedInputFit`: the file's inputs are printed rounded to 6 decimals, so each row must be
    /// reproduced at the README tolerances by inputs within that rounding.
    @Test("every row of bsm_vectors.csv at the README tolerances, from inputs within their printed rounding")
    func oracleRows() throws {
        let rows = OracleFiles.rows("bsm_vectors.csv")
        #expect(rows.count == 400)
        let columns = ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga"]
        for row in rows {
            let right = try #require(OptionRight(code: row.text("right")))
            let strike = row.double("strike"), t = row.double("t_years")
            let expected = columns.map { row.double($0) }
            let tolerance = expected.enumerated().map { i, value in
                i == 0 ? 1e-9 * max(1, abs(value)) : max(1e-7 * abs(value), 1e-9)
            }
            let fit = RoundedInputFit.fit(
                inputs: [row.double("spot"), row.double("vol"), row.double("rate"), row.double("div_yield")],
                model: { x in
                    let g = BlackScholesMerton.uncheckedGreeks(right, spot: x[0], strike: strike, timeYears: t, rate: x[2],
                                                               dividendYield: x[3], volatility: x[1])
                    return [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga]
                },
                expected: expected, tolerance: tolerance)
            #expect(fit.perturbation.allSatisfy { abs($0) <= 5.0001e-7 }, "line \(row.line): inputs moved beyond their rounding \(fit.perturbation)")
            #expect(fit.worstResidual <= 1, "line \(row.line): \(columns[fit.worstColumn]) off by \(fit.worstResidual) tolerances")
        }
    }

    @Test("put-call parity C − P = S·e^(−qt) − K·e^(−rt) across strikes and times")
    func parity() throws {
        for t in [1e-4, 0.0027, 0.1, 1, 2] {
            for strike in [3000.0, 4800, 5000, 5200, 8000] {
                let s = 5000.0, r = 0.045, q = 0.013, vol = 0.18
                let call = try BlackScholesMerton.price(.call, spot: s, strike: strike, timeYears: t, rate: r, dividendYield: q, volatility: vol)
                let put = try BlackScholesMerton.price(.put, spot: s, strike: strike, timeYears: t, rate: r, dividendYield: q, volatility: vol)
                let parity = s * exp(-q * t) - strike * exp(-r * t)
                #expect(abs((call - put) - parity) <= 1e-9 * max(1, abs(parity)), "t \(t) K \(strike)")
            }
        }
    }

    @Test("greeks match central finite differences")
    func finiteDifferences() throws {
        for right in OptionRight.allCases {
            for (strike, t, vol) in [(4900.0, 0.08, 0.2), (5300, 0.5, 0.15), (4500, 1.5, 0.3), (5000, 0.01, 0.12)] {
                let s = 5000.0, r = 0.04, q = 0.015
                func p(_ s: Double = 5000, _ t: Double, _ r: Double = 0.04, _ vol: Double) -> Double {
                    BlackScholesMerton.uncheckedPrice(right, spot: s, strike: strike, timeYears: t, rate: r, dividendYield: q, volatility: vol)
                }
                func delta(_ vol: Double) -> Double {
                    BlackScholesMerton.uncheckedGreeks(right, spot: s, strike: strike, timeYears: t, rate: r, dividendYield: q, volatility: vol).delta
                }
                let g = try BlackScholesMerton.greeks(right, spot: s, strike: strike, timeYears: t, rate: r, dividendYield: q, volatility: vol)
                let hs = 0.01, hv = 1e-4, ht = 1e-6, hr = 1e-5
                let fdDelta = (p(s + hs, t, r, vol) - p(s - hs, t, r, vol)) / (2 * hs)
                let fdGamma = (p(s + 1, t, r, vol) - 2 * p(s, t, r, vol) + p(s - 1, t, r, vol))
                let fdVega = (p(s, t, r, vol + hv) - p(s, t, r, vol - hv)) / (2 * hv)
                let fdTheta = -(p(s, t + ht, r, vol) - p(s, t - ht, r, vol)) / (2 * ht)
                let fdRho = (p(s, t, r + hr, vol) - p(s, t, r - hr, vol)) / (2 * hr)
                let fdVanna = (delta(vol + hv) - delta(vol - hv)) / (2 * hv)
                let fdVolga = (p(s, t, r, vol + hv) - 2 * p(s, t, r, vol) + p(s, t, r, vol - hv)) / (hv * hv)
                let label = "\(right) K \(strike) t \(t)"
                #expect(close(g.delta, fdDelta, relative: 1e-6, absolute: 1e-7), "\(label) delta")
                #expect(close(g.gamma, fdGamma, relative: 1e-4, absolute: 1e-8), "\(label) gamma \(g.gamma) \(fdGamma)")
                #expect(close(g.vega, fdVega, relative: 1e-6, absolute: 1e-6), "\(label) vega")
                #expect(close(g.theta, fdTheta, relative: 1e-5, absolute: 1e-4), "\(label) theta \(g.theta) \(fdTheta)")
                #expect(close(g.rho, fdRho, relative: 1e-6, absolute: 1e-5), "\(label) rho")
                #expect(close(g.vanna, fdVanna, relative: 1e-5, absolute: 1e-6), "\(label) vanna")
                #expect(close(g.volga, fdVolga, relative: 1e-3, absolute: 1e-2), "\(label) volga \(g.volga) \(fdVolga)")
            }
        }
    }

    @Test("hours to expiry and far wings stay finite and non-negative")
    func extremes() throws {
        for t in [1e-6, 1e-4, 2.0] {
            for strike in [1.0, 100, 2500, 5000, 7500, 1e6] {
                for right in OptionRight.allCases {
                    let g = try BlackScholesMerton.greeks(right, spot: 5000, strike: strike, timeYears: t, rate: 0.05, dividendYield: 0.01, volatility: 0.15)
                    for value in [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga] {
                        #expect(value.isFinite, "\(right) K \(strike) t \(t)")
                    }
                    #expect(g.price >= 0)
                    #expect(g.gamma >= 0 && g.vega >= 0)
                }
            }
        }
    }

    @Test("invalid inputs throw an error naming the field")
    func invalidInputs() {
        #expect(throws: FinanceError.invalidInput(field: "spot", rule: "must be a finite number greater than 0 (got -1.0)")) {
            try BlackScholesMerton.price(.call, spot: -1, strike: 100, timeYears: 1, rate: 0, dividendYield: 0, volatility: 0.2)
        }
        let cases: [(String, () throws -> Double)] = [
            ("strike", { try BlackScholesMerton.price(.call, spot: 1, strike: 0, timeYears: 1, rate: 0, dividendYield: 0, volatility: 0.2) }),
            ("t_years", { try BlackScholesMerton.price(.put, spot: 1, strike: 1, timeYears: .nan, rate: 0, dividendYield: 0, volatility: 0.2) }),
            ("rate", { try BlackScholesMerton.price(.put, spot: 1, strike: 1, timeYears: 1, rate: .infinity, dividendYield: 0, volatility: 0.2) }),
            ("div_yield", { try BlackScholesMerton.price(.put, spot: 1, strike: 1, timeYears: 1, rate: 0, dividendYield: .nan, volatility: 0.2) }),
            ("vol", { try BlackScholesMerton.price(.put, spot: 1, strike: 1, timeYears: 1, rate: 0, dividendYield: 0, volatility: 0) }),
        ]
        for (field, call) in cases {
            do {
                _ = try call()
                Issue.record("\(field): no error")
            } catch let error as FinanceError {
                #expect(error.field == field)
                #expect(error.description.hasPrefix("\(field): "))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}

@Suite("Black-76")
struct Black76Tests {
    /// See `RoundedInputFit`: forward, vol and rate are printed rounded to 6 decimals.
    @Test("every row of black76_vectors.csv at the README tolerances, from inputs within their printed rounding")
    func oracleRows() throws {
        let rows = OracleFiles.rows("black76_vectors.csv")
        #expect(rows.count == 150)
        let columns = ["price", "delta_forward", "vega"]
        for row in rows {
            let right = try #require(OptionRight(code: row.text("right")))
            let strike = row.double("strike"), t = row.double("t_years")
            let expected = columns.map { row.double($0) }
            let tolerance = expected.enumerated().map { i, value in
                i == 0 ? 1e-9 * max(1, abs(value)) : max(1e-7 * abs(value), 1e-9)
            }
            let fit = RoundedInputFit.fit(
                inputs: [row.double("forward"), row.double("vol"), row.double("rate")],
                model: { x in
                    let g = Black76.uncheckedGreeks(right, forward: x[0], strike: strike, timeYears: t, rate: x[2], volatility: x[1])
                    return [g.price, g.forwardDelta, g.vega]
                },
                expected: expected, tolerance: tolerance)
            #expect(fit.perturbation.allSatisfy { abs($0) <= 5.0001e-7 }, "line \(row.line): inputs moved beyond their rounding \(fit.perturbation)")
            #expect(fit.worstResidual <= 1, "line \(row.line): \(columns[fit.worstColumn]) off by \(fit.worstResidual) tolerances")
        }
    }

    @Test("put-call parity on a forward: C − P = e^(−rt)(F − K)")
    func parity() throws {
        for strike in [10.0, 18, 25, 60] {
            let call = try Black76.price(.call, forward: 20, strike: strike, timeYears: 0.05, rate: 0.04, volatility: 0.9)
            let put = try Black76.price(.put, forward: 20, strike: strike, timeYears: 0.05, rate: 0.04, volatility: 0.9)
            #expect(abs(call - put - exp(-0.04 * 0.05) * (20 - strike)) < 1e-12)
        }
    }

    @Test("a non-positive forward is an error naming forward")
    func invalidForward() {
        #expect(throws: FinanceError.self) {
            try Black76.price(.call, forward: 0, strike: 20, timeYears: 0.1, rate: 0, volatility: 0.8)
        }
        do {
            _ = try Black76.price(.call, forward: 0, strike: 20, timeYears: 0.1, rate: 0, volatility: 0.8)
        } catch let error as FinanceError {
            #expect(error.field == "forward")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
