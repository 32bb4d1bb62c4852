/// A short credit spread: one side of an iron condor on its own — a put credit spread (long put <
/// short put) or a call credit spread (short call < long call), sold for a credit. One unit is one of
/// each leg (long wing +1, short −1); `contracts` units are held; cash = price × `multiplier` ×
/// contracts. Per-unit figures are in index points.
public struct CreditSpread: Sendable, Hashable {
    /// `.put` for a put credit spread, `.call` for a call credit spread.
    public let right: OptionRight
    /// The bought wing's strike (below the short strike for puts, above it for calls).
    public let longStrike: Double
    /// The sold strike.
    public let shortStrike: Double
    /// Units held (> 0).
    public let contracts: Int
    /// Cash per index point per unit (SPX 100).
    public let multiplier: Double

    /// - Throws: `FinanceError.invalidInput` naming the strike on the wrong side of the short
    ///   strike, or a bad contracts/multiplier.
    public init(_ right: OptionRight, longStrike: Double, shortStrike: Double, contracts: Int = 1, multiplier: Double = 100) throws {
        try Check.positive(longStrike, "long_strike")
        try Check.positive(shortStrike, "short_strike")
        guard right == .put ? longStrike < shortStrike : shortStrike < longStrike else {
            throw FinanceError.invalidInput(field: "long_strike", rule: "must be \(right == .put ? "below" : "above") the short \(right.rawValue) strike")
        }
        guard contracts > 0 else { throw FinanceError.invalidInput(field: "contracts", rule: "must be greater than 0") }
        try Check.positive(multiplier, "multiplier")
        self.right = right
        self.longStrike = longStrike
        self.shortStrike = shortStrike
        self.contracts = contracts
        self.multiplier = multiplier
    }

    /// The two legs with their signed quantity per unit (+1 long, −1 short), from the lowest strike.
    public var legs: [(right: OptionRight, strike: Double, quantity: Double)] {
        right == .put ? [(.put, longStrike, 1), (.put, shortStrike, -1)] : [(.call, shortStrike, -1), (.call, longStrike, 1)]
    }

    /// Width between the strikes: the maximum loss per unit before the credit.
    public var width: Double { abs(longStrike - shortStrike) }
}

/// Valuation and risk of a short credit spread with Black-Scholes-Merton legs: the same figures as
/// `IronCondorAnalytics` gives an iron condor, from the spread's two legs (the missing side
/// contributes nothing).
public enum CreditSpreadAnalytics {
    /// Mark and greeks from the volatilities of the long and the short leg.
    /// - Throws: `FinanceError.invalidInput` naming a bad market field or leg vol.
    public static func valuation(of spread: CreditSpread, market: CondorMarket, longVolatility: Double, shortVolatility: Double) throws
        -> CondorValuation {
        var unit = OptionGreeks.zero
        for leg in spread.legs {
            let vol = leg.quantity > 0 ? longVolatility : shortVolatility
            let greeks = try BlackScholesMerton.greeks(leg.right, spot: market.spot, strike: leg.strike, timeYears: market.timeYears,
                                                       rate: market.rate, dividendYield: market.dividendYield, volatility: vol)
            unit = unit + greeks * leg.quantity
        }
        return CondorValuation(closingCost: -unit.price, unit: unit, position: unit * (spread.multiplier * Double(spread.contracts)))
    }

    /// The flat implied volatility at which the spread's closing cost per unit reaches `stopLevel`
    /// (index points), at today's spot and time; the same search as `IronCondorAnalytics`.
    /// - Throws: `FinanceError.invalidInput` for a bad market field or stop level.
    public static func breakEvenVolatility(of spread: CreditSpread, market: CondorMarket, stopLevel: Double,
                                           lowest: Double = 0.005, highest: Double = 5) throws -> VolatilityBreakEven {
        try BlackScholesMerton.validate(spot: market.spot, strike: spread.shortStrike, timeYears: market.timeYears,
                                        rate: market.rate, dividendYield: market.dividendYield, volatility: lowest)
        try Check.positive(stopLevel, "stop_level")
        try Check.positive(highest, "highest")
        return VolatilityBreakEven.search(lowest: lowest, highest: highest) { vol in
            var value = 0.0
            for leg in spread.legs {
                value -= leg.quantity * BlackScholesMerton.uncheckedPrice(
                    leg.right, spot: market.spot, strike: leg.strike, timeYears: market.timeYears,
                    rate: market.rate, dividendYield: market.dividendYield, volatility: vol)
            }
            return value - stopLevel
        }
    }
}
