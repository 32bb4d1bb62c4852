import Foundation

/// Values one expiry's legs with the model and reads the real quotes.
struct ChainLegPricer {
    let inputs: ChainComparison.Inputs
    let spot: Double
    let timeYears: Double
    let forward: Double
    let terms: VolatilityTermStructure

    init(inputs: ChainComparison.Inputs, spot: Double, timeYears: Double) throws {
        try BlackScholesMerton.validate(spot: spot, strike: spot, timeYears: timeYears, rate: inputs.rate,
                                        dividendYield: inputs.dividendYield, volatility: 0.2)
        self.inputs = inputs
        self.spot = spot
        self.timeYears = timeYears
        forward = spot * exp((inputs.rate - inputs.dividendYield) * timeYears)
        terms = try VolatilityTermStructure(levels: inputs.levels)
    }

    func strike(_ right: OptionRight, delta: Double) throws -> Double {
        try DeltaStrike.strike(right, targetDelta: delta, skew: inputs.skew, levels: inputs.levels, spot: spot, rate: inputs.rate,
                               dividendYield: inputs.dividendYield, timeYears: timeYears, strikeStep: inputs.strikeStep)
    }

    func leg(_ right: OptionRight, strike: Double, targetDelta: Double?, in expiry: ChainExpiry) -> LegComparison {
        let vol = inputs.skew.volatility(terms: terms, logMoneyness: log(strike / forward), timeYears: timeYears)
        let model = BlackScholesMerton.uncheckedGreeks(right, spot: spot, strike: strike, timeYears: timeYears, rate: inputs.rate,
                                                       dividendYield: inputs.dividendYield, volatility: vol)
        let quote = expiry.quote(right, at: strike)
        let realMid = quote.flatMap { $0.hasRealBid ? $0.mid : nil }
        let realIV = realMid.flatMap {
            try? ImpliedVolatility.bsm(price: $0, right: right, spot: spot, strike: strike, timeYears: timeYears, rate: inputs.rate,
                                       dividendYield: inputs.dividendYield)
        }
        let realDelta = quote.flatMap { $0.delta != 0 ? $0.delta : nil }
        return LegComparison(right: right, targetDelta: targetDelta, strike: strike, listed: quote != nil, modelMid: model.price,
                             realMid: realMid, modelVolatility: vol, realVolatility: realIV, modelDelta: model.delta, realDelta: realDelta)
    }
}
