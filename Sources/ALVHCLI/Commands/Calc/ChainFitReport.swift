import Finance
import Foundation

/// What `alvh calc chain-fit` prints for one chain: tables, CSV rows (one per expiry) or JSON.
struct ChainFitReport {
    let path: String
    let chain: OptionChain
    let inputs: ChainComparison.Inputs
    let expiries: [ExpiryComparison]
    let parity: ChainParity

    static let legNames = ["put25", "put16", "put10", "call10", "call16", "call25"]

    static func number(_ value: Double?, _ digits: Int) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "" }

    static func verdict(_ expiry: ExpiryComparison) -> String {
        switch expiry.meetsTargets() { case true?: "ok"; case false?: "miss"; case nil: "n/a" }
    }

    var levelsText: String {
        let l = inputs.levels
        return [l.vix9d.map { "VIX9D \($0)" }, "VIX \(l.vix)", l.vix3m.map { "VIX3M \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    func printTables() {
        print("chain \(path): quote date \(chain.quoteDate), spot \(chain.spot); \(levelsText); rate \(inputs.rate), dividend yield \(inputs.dividendYield)")
        print("put-call parity (median over expiries ≥ 14 days): rate \(Self.number(parity.medianRate, 4)), dividend yield \(Self.number(parity.medianDividendYield, 4))")
        print("")
        ReviewOutput.table(["expiry", "root", "dte", "leg", "strike", "model_mid", "real_mid", "model_iv", "real_iv", "model_delta", "real_delta"],
                           expiries.flatMap { e in zip(Self.legNames, e.legs).map { name, leg in
                               [e.expiry.description, e.root.rawValue, String(e.daysToExpiry), name, Self.number(leg.strike, 0),
                                Self.number(leg.modelMid, 2), Self.number(leg.realMid, 2), Self.number(leg.modelVolatility, 4),
                                Self.number(leg.realVolatility, 4), Self.number(leg.modelDelta, 3), Self.number(leg.realDelta, 3)]
                           } })
        print("")
        ReviewOutput.table(["expiry", "root", "dte", "condor", "model_credit", "real_credit", "ratio", "short_put_delta", "short_call_delta", "target"],
                           expiries.map { e in
                               let c = e.condor
                               return [e.expiry.description, e.root.rawValue, String(e.daysToExpiry),
                                       [c.longPut, c.shortPut, c.shortCall, c.longCall].map { Self.number($0, 0) }.joined(separator: "/"),
                                       Self.number(c.modelCredit, 2), Self.number(c.realCredit, 2), Self.number(c.creditRatio, 3),
                                       Self.number(c.shortPutRealDelta, 3), Self.number(c.shortCallRealDelta, 3), Self.verdict(e)]
                           })
        let checked = expiries.compactMap { $0.meetsTargets() }
        print("")
        print("condors within 15 % of the real credit with short deltas within 0.04 of 0.16: \(checked.filter { $0 }.count) of \(checked.count) checked (\(expiries.count - checked.count) with a strike unlisted or without a bid)")
    }

    static var csvHeader: [String] {
        ["chain", "quote_date", "spot", "expiry", "root", "dte", "t_years"]
            + legNames.flatMap { n in ["strike", "model_mid", "real_mid", "model_iv", "real_iv", "real_delta"].map { "\(n)_\($0)" } }
            + ["long_put", "short_put", "short_call", "long_call", "model_credit", "real_credit", "credit_ratio", "short_put_real_delta",
               "short_call_real_delta", "target"]
    }

    var csvRows: [[String]] {
        expiries.map { e in
            let c = e.condor
            let legs = e.legs.flatMap { leg in
                [Self.number(leg.strike, 0), Self.full(leg.modelMid), Self.full(leg.realMid), Self.full(leg.modelVolatility),
                 Self.full(leg.realVolatility), Self.full(leg.realDelta)]
            }
            return [path, chain.quoteDate.description, Self.full(chain.spot), e.expiry.description, e.root.rawValue, String(e.daysToExpiry),
                    Self.full(e.timeYears)] + legs
                + [c.longPut, c.shortPut, c.shortCall, c.longCall].map { Self.number($0, 0) }
                + [Self.full(c.modelCredit), Self.full(c.realCredit), Self.full(c.creditRatio), Self.full(c.shortPutRealDelta),
                   Self.full(c.shortCallRealDelta), Self.verdict(e)]
        }
    }

    static func full(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

    static func json(_ value: Double?) -> Any { value.map { $0 as Any } ?? NSNull() }

    static func json(_ skew: VolatilitySkew) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: skew.parameters.map { ($0.name, $0.value as Any) })
    }

    var json: [String: Any] {
        ["file": path, "quote_date": chain.quoteDate.description, "spot": chain.spot,
         "levels": ["vix9d": Self.json(inputs.levels.vix9d), "vix": inputs.levels.vix, "vix3m": Self.json(inputs.levels.vix3m)],
         "rate": inputs.rate, "dividend_yield": inputs.dividendYield,
         "parity": ["median_rate": Self.json(parity.medianRate), "median_dividend_yield": Self.json(parity.medianDividendYield),
                    "expiries": parity.estimates.map { ["expiry": $0.expiry.description, "dte": $0.daysToExpiry, "rate": $0.rate,
                                                        "dividend_yield": $0.dividendYield, "forward": $0.forward, "strikes": $0.strikes] }],
         "expiries": expiries.map(Self.json)]
    }

    static func json(_ e: ExpiryComparison) -> [String: Any] {
        let c = e.condor
        return ["expiry": e.expiry.description, "root": e.root.rawValue, "dte": e.daysToExpiry, "t_years": e.timeYears, "forward": e.forward,
                "legs": zip(legNames, e.legs).map { name, leg in
                    ["leg": name, "strike": leg.strike, "listed": leg.listed, "model_mid": leg.modelMid, "real_mid": json(leg.realMid),
                     "model_iv": leg.modelVolatility, "real_iv": json(leg.realVolatility), "model_delta": leg.modelDelta, "real_delta": json(leg.realDelta)]
                },
                "condor": ["long_put": c.longPut, "short_put": c.shortPut, "short_call": c.shortCall, "long_call": c.longCall,
                           "model_credit": c.modelCredit, "real_credit": json(c.realCredit), "credit_ratio": json(c.creditRatio),
                           "short_put_real_delta": json(c.shortPutRealDelta), "short_call_real_delta": json(c.shortCallRealDelta),
                           "meets_targets": e.meetsTargets().map { $0 as Any } ?? NSNull()]]
    }
}
