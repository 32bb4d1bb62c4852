import ArgumentParser
import Finance
import Foundation

/// `alvh-bench finance`: single-core throughput of the finance library, printed as
/// `name = value unit`. Inputs are generated up front (deterministic), so only the library calls
/// are timed; each figure is the best of several runs of about `--seconds` each.
struct FinanceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finance",
        abstract: "BSM price+greeks evaluations/s, BSM implied-vol solves/s, 40-flow XIRR solves/s (one core)."
    )

    @Option(help: "Approximate seconds per measurement.")
    var seconds: Double = 0.5

    @Option(help: "Measurements per figure (the best is printed).")
    var repeats: Int = 3

    func run() throws {
        var random = SplitMix(seed: 42)
        let options = (0..<4096).map { _ in BenchOption(random: &random) }
        // Implied vol is timed on the options whose price carries volatility information (vega × 1e-9
        // above the rounding of max(price, spot)); the others have no time value left in a Double.
        var ivOptions: [BenchOption] = []
        var prices: [Double] = []
        for o in options {
            let g = BlackScholesMerton.uncheckedGreeks(o.right, spot: o.spot, strike: o.strike, timeYears: o.t,
                                                       rate: o.rate, dividendYield: o.dividendYield, volatility: o.vol)
            if g.vega * 1e-9 > 4 * max(g.price, o.spot).ulp && g.price > 1e-12 {
                ivOptions.append(o)
                prices.append(g.price)
            }
        }
        let flowSets = (0..<512).map { _ in BenchOption.flows(count: 40, random: &random) }

        var sink = 0.0
        let bsm = measure { rounds in
            var total = 0.0
            for _ in 0..<rounds {
                for o in options {
                    let g = try! BlackScholesMerton.greeks(o.right, spot: o.spot, strike: o.strike, timeYears: o.t, rate: o.rate,
                                                           dividendYield: o.dividendYield, volatility: o.vol)
                    total += g.price + g.delta + g.gamma + g.vega + g.theta + g.rho + g.vanna + g.volga
                }
            }
            sink += total
            return rounds * options.count
        }
        print("bsm_evals_per_s = \(Int(bsm)) evals/s")

        var failures = 0
        let iv = measure { rounds in
            var total = 0.0
            for _ in 0..<rounds {
                for (o, price) in zip(ivOptions, prices) {
                    if let vol = try? ImpliedVolatility.bsm(price: price, right: o.right, spot: o.spot, strike: o.strike,
                                                            timeYears: o.t, rate: o.rate, dividendYield: o.dividendYield) {
                        total += vol
                    } else {
                        failures += 1
                    }
                }
            }
            sink += total
            return rounds * ivOptions.count
        }
        print("iv_solves_per_s = \(Int(iv)) solves/s")

        var noRate = 0
        let xirr = measure { rounds in
            var total = 0.0
            for _ in 0..<rounds {
                for flows in flowSets {
                    if let rate = XIRR.solve(flows).rate { total += rate } else { noRate += 1 }
                }
            }
            sink += total
            return rounds * flowSets.count
        }
        print("xirr_solves_per_s = \(Int(xirr)) solves/s")
        var worst = 0.0
        for (o, price) in zip(ivOptions, prices) {
            let vol = try ImpliedVolatility.bsm(price: price, right: o.right, spot: o.spot, strike: o.strike,
                                                timeYears: o.t, rate: o.rate, dividendYield: o.dividendYield)
            worst = max(worst, abs(vol - o.vol))
        }
        print("iv_max_abs_error = \(worst) vol")
        print("iv_bench_options = \(ivOptions.count) of \(options.count) count")
        print("iv_failures = \(failures) count")
        print("xirr_no_rate = \(noRate) count")
        if sink.isNaN { print("checksum = nan") }
    }

    /// Runs `body(rounds)` (which returns the number of operations done) until about `seconds`
    /// have passed, `repeats` times; returns the best operations per second.
    func measure(_ body: (Int) -> Int) -> Double {
        _ = body(1) // warm up
        var best = 0.0
        for _ in 0..<max(1, repeats) {
            var operations = 0
            let clock = ContinuousClock()
            let start = clock.now
            var elapsed = 0.0
            var rounds = 1
            while elapsed < seconds {
                operations += body(rounds)
                let duration = clock.now - start
                elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
                rounds = min(rounds * 2, 64)
            }
            best = max(best, Double(operations) / elapsed)
        }
        return best
    }
}

/// Deterministic pseudo-random numbers (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) * 0x1.0p-53
    }
}

/// An SPX-like option: strikes within about ±25 % of spot, 1 hour to 2 years, vols 8 %–80 %.
struct BenchOption {
    var right: OptionRight, spot: Double, strike: Double, t: Double, rate: Double, dividendYield: Double, vol: Double

    init(random: inout SplitMix) {
        right = random.next() & 1 == 0 ? .call : .put
        spot = random.uniform(3000, 7000)
        strike = (spot * exp(random.uniform(-0.25, 0.15)) / 5).rounded() * 5
        t = exp(random.uniform(log(1.0 / (365 * 24)), log(2)))
        rate = random.uniform(0, 0.06)
        dividendYield = random.uniform(0, 0.02)
        vol = random.uniform(0.08, 0.8)
    }

    /// One outflow then `count − 1` inflows over about two years (rates roughly −50 % … +300 %).
    static func flows(count: Int, random: inout SplitMix) -> [CashFlow] {
        let start = CalendarDay(year: 2015, month: 1, day: 1)!.daysSinceEpoch + Int(random.uniform(0, 3000))
        let invested = random.uniform(10_000, 50_000)
        let multiple = random.uniform(0.6, 2.5)
        var flows = [CashFlow(date: CalendarDay(daysSinceEpoch: start), amount: -invested)]
        var day = start
        for _ in 1..<count {
            day += Int(random.uniform(1, 36))
            flows.append(CashFlow(date: CalendarDay(daysSinceEpoch: day), amount: invested * multiple / Double(count - 1) * random.uniform(0.5, 1.5)))
        }
        return flows
    }
}
