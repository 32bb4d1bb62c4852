import Foundation
import Testing
@testable import Finance

@Suite("Implied volatility")
struct ImpliedVolatilityTests {
    /// True when the price carries volatility information at 1e-9 (README: vega × 1e-9 above the
    /// price's rounding and price ≥ 1e-12). For an in-the-money option the price is intrinsic value
    /// plus time value and the intrinsic part (S·e^(−qt) − K·e^(−rt)) is only known to the rounding of
    /// the spot and strike, so that is the rounding that counts there (`scale` = max(spot, strike)).
    static func informative(price: Double, vega: Double, inTheMoney: Bool = false, scale: Double = 0) -> Bool {
        let rounding = 4 * (inTheMoney ? max(price, scale) : price).ulp
        return vega * 1e-9 > rounding && price > 1e-12
    }

    @Test("recovers every bsm_vectors.csv vol from its price within 1e-9 (inputs fitted within their rounding)")
    func oracleRows() throws {
        var checked = 0
        for row in OracleFiles.rows("bsm_vectors.csv") {
            let right = try #require(OptionRight(code: row.text("right")))
            let strike = row.double("strike"), t = row.double("t_years"), price = row.double("price")
            var tolerances: [Double] = [1e-9 * max(1, price)]
            for name in ["delta", "gamma", "vega", "theta", "rho", "vanna", "volga"] { tolerances.append(max(1e-7 * abs(row.double(name)), 1e-9)) }
            let fit = RoundedInputFit.fit(
                inputs: [row.double("spot"), row.double("vol"), row.double("rate"), row.double("div_yield")],
                model: { x in
                    let g = BlackScholesMerton.uncheckedGreeks(right, spot: x[0], strike: strike, timeYears: t, rate: x[2], dividendYield: x[3], volatility: x[1])
                    return [g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.volga]
                },
                expected: ["price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga"].map { (name: String) -> Double in row.double(name) },
                tolerance: tolerances)
            let printed: [Double] = [row.double("spot"), row.double("vol"), row.double("rate"), row.double("div_yield")]
            var x: [Double] = []
            for (value, shift) in zip(printed, fit.perturbation) { x.append(value + shift) }
            guard Self.informative(price: price, vega: row.double("vega")) else { continue }
            let iv = try ImpliedVolatility.bsm(price: price, right: right, spot: x[0], strike: strike, timeYears: t, rate: x[2], dividendYield: x[3])
            #expect(abs(iv - x[1]) <= 1e-9, "line \(row.line): iv \(iv) vs \(x[1])")
            checked += 1
        }
        #expect(checked > 350)
    }

    @Test("recovers every black76_vectors.csv vol from its price within 1e-9 (inputs fitted within their rounding)")
    func black76OracleRows() throws {
        var checked = 0
        for row in OracleFiles.rows("black76_vectors.csv") {
            let right = try #require(OptionRight(code: row.text("right")))
            let strike = row.double("strike"), t = row.double("t_years"), price = row.double("price")
            let printed: [Double] = [row.double("forward"), row.double("vol"), row.double("rate")]
            let expected: [Double] = [price, row.double("delta_forward"), row.double("vega")]
            let fit = RoundedInputFit.fit(
                inputs: printed,
                model: { x in
                    let g = Black76.uncheckedGreeks(right, forward: x[0], strike: strike, timeYears: t, rate: x[2], volatility: x[1])
                    return [g.price, g.forwardDelta, g.vega]
                },
                expected: expected,
                tolerance: [1e-9 * max(1, price), max(1e-7 * abs(expected[1]), 1e-9), max(1e-7 * expected[2], 1e-9)])
            var x: [Double] = []
            for (value, shift) in zip(printed, fit.perturbation) { x.append(value + shift) }
            guard Self.informative(price: price, vega: expected[2]) else { continue }
            let iv = try ImpliedVolatility.black76(price: price, right: right, forward: x[0], strike: strike, timeYears: t, rate: x[2])
            #expect(abs(iv - x[1]) <= 1e-9, "line \(row.line): iv \(iv) vs \(x[1])")
            checked += 1
        }
        #expect(checked > 140)
    }

    @Test("round trips on a grid from one hour to two years, deep wings to deep in the money")
    func bsmGrid() throws {
        let spot = 5000.0, rate = 0.045, dividendYield = 0.013
        var checked = 0
        let hour: Double = 1.0 / (365 * 24)
        let times: [Double] = [hour, 4 * hour, 1.0 / 365, 7.0 / 365, 30.0 / 365, 0.5, 1, 2]
        for t in times {
            let moneynesses: [Double] = [-0.6, -0.3, -0.15, -0.08, -0.03, -0.01, 0, 0.005, 0.02, 0.05, 0.1, 0.25, 0.5]
            for moneyness in moneynesses {
                let strike = spot * exp(moneyness)
                let vols: [Double] = [0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3]
                for vol in vols {
                    for right in OptionRight.allCases {
                        let g = BlackScholesMerton.uncheckedGreeks(right, spot: spot, strike: strike, timeYears: t, rate: rate, dividendYield: dividendYield, volatility: vol)
                        let itm = right.sign * (spot - strike) > 0
                        do {
                            let iv = try ImpliedVolatility.bsm(price: g.price, right: right, spot: spot, strike: strike, timeYears: t, rate: rate, dividendYield: dividendYield)
                            #expect(iv.isFinite && iv > 0)
                            if Self.informative(price: g.price, vega: g.vega, inTheMoney: itm, scale: spot) {
                                #expect(abs(iv - vol) <= 1e-9, "\(right) t \(t) k \(moneyness) vol \(vol): iv \(iv)")
                                checked += 1
                            }
                        } catch let error as FinanceError {
                            // Only a price that lost all time value to rounding may be refused.
                            #expect(!Self.informative(price: g.price, vega: g.vega, inTheMoney: itm, scale: spot), "\(right) t \(t) k \(moneyness) vol \(vol): \(error)")
                        }
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test("Black-76 round trips on VIX-option-like inputs")
    func black76Grid() throws {
        var checked = 0
        let times: [Double] = [1.0 / 365, 7.0 / 365, 30.0 / 365, 0.25]
        for t in times {
            for strike in [10.0, 14, 18, 20, 25, 35, 60] {
                for vol in [0.3, 0.8, 1.2, 2.5] {
                    for right in OptionRight.allCases {
                        let g = Black76.uncheckedGreeks(right, forward: 19.5, strike: strike, timeYears: t, rate: 0.04, volatility: vol)
                        guard Self.informative(price: g.price, vega: g.vega) else { continue }
                        let iv = try ImpliedVolatility.black76(price: g.price, right: right, forward: 19.5, strike: strike, timeYears: t, rate: 0.04)
                        #expect(abs(iv - vol) <= 1e-9, "\(right) K \(strike) t \(t) vol \(vol): iv \(iv)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 150)
    }

    @Test("any price between the bounds gives a finite vol increasing with the price (never NaN)")
    func wholeRange() throws {
        for (strike, t) in [(5000.0, 1e-4), (3000, 1.0 / 365), (7000, 0.25), (4000, 2)] {
            var previous = 0.0
            // Undiscounted OTM call prices from 1e-300 up to just under the forward.
            for exponent in stride(from: -300.0, through: log10(5000.0) - 1e-9, by: 0.37) {
                let price = pow(10, exponent)
                guard price < 5000 else { continue }
                do {
                    let iv = try ImpliedVolatility.black76(price: price, right: .call, forward: 5000, strike: strike, timeYears: t, rate: 0)
                    #expect(iv.isFinite && iv > 0, "K \(strike) t \(t) price \(price)")
                    #expect(iv >= previous * (1 - 1e-12), "K \(strike) t \(t) price \(price): \(iv) < \(previous)")
                    previous = iv
                } catch let error as FinanceError {
                    // Only an in-the-money call whose price does not exceed intrinsic value may be refused.
                    #expect(price <= max(5000 - strike, 0), "K \(strike) t \(t) price \(price): \(error)")
                }
            }
        }
    }

    @Test("prices outside the no-arbitrage bounds name the bound")
    func bounds() throws {
        // Call above S·e^(−qt).
        do {
            _ = try ImpliedVolatility.bsm(price: 5001, right: .call, spot: 5000, strike: 4000, timeYears: 0.1, rate: 0.04, dividendYield: 0)
            Issue.record("no error above the upper bound")
        } catch let error as FinanceError {
            guard case .priceAboveUpperBound(_, let bound) = error else { Issue.record("wrong error \(error)"); return }
            #expect(abs(bound - 5000) < 1e-9)
            #expect(error.description.contains("upper no-arbitrage bound"))
            #expect(error.field == "price")
        }
        // Put below its discounted intrinsic value K·e^(−rt) − S·e^(−qt).
        do {
            _ = try ImpliedVolatility.bsm(price: 90, right: .put, spot: 4900, strike: 5000, timeYears: 0.1, rate: 0.0, dividendYield: 0)
            Issue.record("no error below intrinsic")
        } catch let error as FinanceError {
            guard case .priceBelowIntrinsic(_, let intrinsic) = error else { Issue.record("wrong error \(error)"); return }
            #expect(abs(intrinsic - 100) < 1e-9)
            #expect(error.description.contains("lower no-arbitrage bound"))
        }
        #expect(throws: FinanceError.self) {
            try ImpliedVolatility.black76(price: 0, right: .call, forward: 20, strike: 25, timeYears: 0.1, rate: 0.04)
        }
        #expect(throws: FinanceError.invalidInput(field: "price", rule: "must be a finite number (got nan)")) {
            try ImpliedVolatility.bsm(price: .nan, right: .call, spot: 5000, strike: 5000, timeYears: 0.1, rate: 0, dividendYield: 0)
        }
    }
}
