import Foundation
import Testing
@testable import Finance

/// The fitted skew model, its term structure, the shared strike selection and the optimiser, on
/// values worked out by hand (no market data here; the real chains are in CLITests/ChainFitTests).
@Suite("Skew model")
struct VolatilitySkewTests {
    static let t30 = 30.0 / 365

    @Test("term structure: total variance interpolated between 9, 30 and 93 days, flat outside, fallbacks")
    func termStructure() throws {
        let full = try VolatilityTermStructure(levels: VolatilityLevels(vix9d: 26.03, vix: 27.75, vix3m: 29.22))
        #expect(abs(full.volatility(timeYears: 7.0 / 365) - 0.2603) < 1e-15)
        #expect(abs(full.volatility(timeYears: 9.0 / 365) - 0.2603) < 1e-15)
        #expect(abs(full.volatility(timeYears: Self.t30) - 0.2775) < 1e-15)
        #expect(abs(full.volatility(timeYears: 93.0 / 365) - 0.2922) < 1e-15)
        #expect(abs(full.volatility(timeYears: 200.0 / 365) - 0.2922) < 1e-15)
        // 60 days: w = w30 + (w93 − w30)·30/63, σ = √(w/t).
        let w30 = 0.2775 * 0.2775 * 30 / 365, w93 = 0.2922 * 0.2922 * 93 / 365
        #expect(abs(full.volatility(timeYears: 60.0 / 365) - ((w30 + (w93 - w30) * 30 / 63) / (60.0 / 365)).squareRoot()) < 1e-15)
        #expect(abs(full.volatility(timeYears: 60.0 / 365) - 0.28842) < 1e-5)
        // 20 days between VIX9D and VIX.
        let w9 = 0.2603 * 0.2603 * 9 / 365
        #expect(abs(full.volatility(timeYears: 20.0 / 365) - ((w9 + (w30 - w9) * 11 / 21) / (20.0 / 365)).squareRoot()) < 1e-15)
        let vixOnly = try VolatilityTermStructure(levels: VolatilityLevels(vix: 18))
        for days in [1.0, 9, 30, 93, 365] { #expect(abs(vixOnly.volatility(timeYears: days / 365) - 0.18) < 1e-15) }
        let noShort = try VolatilityTermStructure(levels: VolatilityLevels(vix: 20, vix3m: 22))
        #expect(abs(noShort.volatility(timeYears: 5.0 / 365) - 0.20) < 1e-15)
        let noLong = try VolatilityTermStructure(levels: VolatilityLevels(vix9d: 25, vix: 20))
        #expect(abs(noLong.volatility(timeYears: 90.0 / 365) - 0.20) < 1e-15)
        #expect(throws: FinanceError.invalidInput(field: "vix3m", rule: "must be a finite number greater than 0 (got 0.0)")) {
            try VolatilityTermStructure(levels: VolatilityLevels(vix: 20, vix3m: 0))
        }
    }

    @Test("skew: the documented values, continuous at the money, monotone and bounded in both wings")
    func shape() throws {
        let skew = VolatilitySkew()
        #expect(abs(try skew.volatility(vix: 15, logMoneyness: 0, timeYears: Self.t30) - 0.15 * VolatilitySkew.Fitted.atmFactor) < 1e-15)
        #expect(abs(try skew.volatility(vix: 15, logMoneyness: 0, timeYears: Self.t30) - 0.1205) < 1e-4)
        #expect(abs(try skew.volatility(vix: 15, logMoneyness: log(0.95), timeYears: Self.t30) - 0.1583) < 1e-4)
        #expect(abs(try skew.volatility(vix: 15, logMoneyness: log(0.90), timeYears: Self.t30) - 0.1853) < 1e-4)
        #expect(abs(try skew.volatility(vix: 15, logMoneyness: log(1.05), timeYears: Self.t30) - 0.1059) < 1e-4)
        let atm = 0.20 * skew.atmFactor
        let below = try skew.volatility(vix: 20, logMoneyness: -1e-12, timeYears: Self.t30)
        let above = try skew.volatility(vix: 20, logMoneyness: 1e-12, timeYears: Self.t30)
        #expect(abs(below - atm) < 1e-9 && abs(above - atm) < 1e-9)
        var previous = Double.infinity
        for step in 0...400 {
            let k = -2.0 + Double(step) * 0.01
            let vol = try skew.volatility(vix: 20, logMoneyness: k, timeYears: Self.t30)
            #expect(vol <= previous + 1e-15)
            #expect(vol >= atm * (1 - skew.callSlope * skew.callScale) - 1e-15 && vol <= atm * (1 + skew.putSlope * skew.putScale) + 1e-15)
            previous = vol
        }
        // The tenor term: at-the-money is atmFactor × (t/30d)^atmTenorExponent × the level.
        let t60 = 60.0 / 365
        #expect(abs(try skew.volatility(vix: 20, logMoneyness: 0, timeYears: t60) - atm * pow(2, skew.atmTenorExponent)) < 1e-15)
        #expect(throws: FinanceError.self) { try skew.volatility(vix: 0, logMoneyness: 0, timeYears: Self.t30) }
        #expect(throws: FinanceError.self) { try skew.volatility(vix: 20, strike: 100, forward: 100, timeYears: 0) }
    }

    @Test("the levels entry point: VIX9D/VIX3M move the level by tenor; VIX alone equals the vix: entry point")
    func levels() throws {
        let skew = VolatilitySkew()
        let levels = VolatilityLevels(vix9d: 12, vix: 15, vix3m: 18)
        let terms = try VolatilityTermStructure(levels: levels)
        for (strike, days) in [(4800.0, 7.0), (5000, 30), (5200, 60)] {
            let t = days / 365
            let vol = try skew.volatility(levels: levels, strike: strike, forward: 5000, timeYears: t)
            #expect(vol == skew.volatility(terms: terms, logMoneyness: log(strike / 5000), timeYears: t))
            #expect(try skew.volatility(vix: 15, strike: strike, forward: 5000, timeYears: t)
                    == (try skew.volatility(levels: VolatilityLevels(vix: 15), strike: strike, forward: 5000, timeYears: t)))
        }
        #expect(try skew.volatility(levels: levels, strike: 5000, forward: 5000, timeYears: 7.0 / 365)
                < (try skew.volatility(levels: VolatilityLevels(vix: 15), strike: 5000, forward: 5000, timeYears: 7.0 / 365)))
    }

    @Test("parameters: validate() refuses each out-of-range value by name; Codable round-trips every parameter")
    func parameters() throws {
        try VolatilitySkew().validate()
        let bad: [(WritableKeyPath<VolatilitySkew, Double>, Double, String)] = [
            (\.atmFactor, 0, "atmFactor"), (\.atmTenorExponent, 1.5, "atmTenorExponent"), (\.moneynessTimeExponent, -0.1, "moneynessTimeExponent"),
            (\.putSlope, -1, "putSlope"), (\.putScale, 0.01, "putScale"), (\.callSlope, .nan, "callSlope"), (\.callScale, 20, "callScale"),
            (\.minimum, 0, "minimum"), (\.maximum, 11, "maximum"),
        ]
        for (path, value, name) in bad {
            var skew = VolatilitySkew()
            skew[keyPath: path] = value
            #expect(throws: FinanceError.self) { try skew.validate() }
            do { try skew.validate() } catch let error as FinanceError { #expect(error.field == name) }
        }
        var wing = VolatilitySkew()
        (wing.callSlope, wing.callScale) = (10, 0.2)
        #expect(throws: FinanceError.invalidInput(field: "callSlope × callScale", rule: "must be below 1 (the call wing stays above 0) (got 2.0)")) { try wing.validate() }
        let custom = VolatilitySkew(atmFactor: 0.7, atmTenorExponent: 0.1, moneynessTimeExponent: 0.3, putSlope: 3, putScale: 0.4,
                                    callSlope: 1, callScale: 0.5, minimum: 0.02, maximum: 4)
        let data = try JSONEncoder().encode(custom)
        #expect(try JSONDecoder().decode(VolatilitySkew.self, from: data) == custom)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let names = Set(object.map { Array($0.keys) } ?? [])
        #expect(names == Set(custom.parameters.map(\.name)))
    }

    @Test("strike selection: on the grid, the grid strike whose |delta| is nearest the target")
    func deltaStrike() throws {
        let skew = VolatilitySkew()
        let levels = VolatilityLevels(vix9d: 14, vix: 16, vix3m: 18.5)
        for (spot, days) in [(5975.38, 7.0), (4348.87, 28), (4369.71, 45)] {
            let t = days / 365, forward = spot * exp((0.04 - 0.013) * t)
            let terms = try VolatilityTermStructure(levels: levels)
            func size(_ right: OptionRight, _ k: Double) -> Double {
                abs(BlackScholesMerton.uncheckedGreeks(right, spot: spot, strike: k, timeYears: t, rate: 0.04, dividendYield: 0.013,
                                                       volatility: skew.volatility(terms: terms, logMoneyness: log(k / forward), timeYears: t)).delta)
            }
            for right in [OptionRight.put, .call] {
                for target in [0.10, 0.16, 0.25] {
                    let strike = try DeltaStrike.strike(right, targetDelta: target, skew: skew, levels: levels, spot: spot, rate: 0.04,
                                                        dividendYield: 0.013, timeYears: t, strikeStep: 5)
                    #expect(strike.truncatingRemainder(dividingBy: 5) == 0)
                    #expect(right == .put ? strike < spot : strike > spot)
                    let grid = stride(from: (spot * 0.5 / 5).rounded() * 5, through: spot * 1.5, by: 5)
                    let best = grid.min { abs(size(right, $0) - target) < abs(size(right, $1) - target) }!
                    #expect(strike == best, "\(right) \(target) at \(spot), \(days) d: \(strike) vs scan \(best)")
                }
            }
        }
        #expect(throws: FinanceError.self) {
            try DeltaStrike.strike(.put, targetDelta: 0.6, skew: skew, levels: levels, spot: 5000, rate: 0.04, dividendYield: 0.013, timeYears: 0.1, strikeStep: 5)
        }
    }

    @Test("Nelder–Mead finds the Rosenbrock minimum and is deterministic")
    func nelderMead() {
        let rosenbrock = { (x: [Double]) in (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) }
        let search = NelderMead(maxEvaluations: 10_000, valueTolerance: 1e-16)
        let result = search.minimize(rosenbrock, start: [-1.2, 1], steps: [0.5, 0.5])
        #expect(abs(result.point[0] - 1) < 1e-4 && abs(result.point[1] - 1) < 1e-4)
        #expect(result.value < 1e-8)
        #expect(search.minimize(rosenbrock, start: [-1.2, 1], steps: [0.5, 0.5]) == result)
        let walled = search.minimize({ $0[0] < 0 ? .nan : ($0[0] - 2) * ($0[0] - 2) }, start: [0.5], steps: [1])
        #expect(abs(walled.point[0] - 2) < 1e-6)
    }
}
