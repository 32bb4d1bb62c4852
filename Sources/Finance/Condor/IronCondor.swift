/// A short iron condor: long put < short put < short call < long call on one expiry, sold for a
/// credit. One unit is one of each leg (long wings +1, short body −1); `contracts` units are held;
/// cash = price × `multiplier` × contracts. Broken wings (unequal widths) are allowed.
///
/// Per-unit figures are in index points; `dollars(_:)` scales them to cash.
public struct IronCondor: Sendable, Hashable {
    public let longPut: Double
    public let shortPut: Double
    public let shortCall: Double
    public let longCall: Double
    /// Units held (> 0).
    public let contracts: Int
    /// Cash per index point per unit (SPX 100).
    public let multiplier: Double

    /// - Throws: `FinanceError.invalidInput` naming the leg that breaks
    ///   long put < short put < short call < long call, or a bad contracts/multiplier.
    public init(longPut: Double, shortPut: Double, shortCall: Double, longCall: Double,
                contracts: Int = 1, multiplier: Double = 100) throws {
        try Check.positive(longPut, "long_put")
        try Check.positive(shortPut, "short_put")
        try Check.positive(shortCall, "short_call")
        try Check.positive(longCall, "long_call")
        guard longPut < shortPut else { throw FinanceError.invalidInput(field: "long_put", rule: "must be below the short put strike") }
        guard shortPut < shortCall else { throw FinanceError.invalidInput(field: "short_put", rule: "must be below the short call strike") }
        guard shortCall < longCall else { throw FinanceError.invalidInput(field: "long_call", rule: "must be above the short call strike") }
        guard contracts > 0 else { throw FinanceError.invalidInput(field: "contracts", rule: "must be greater than 0") }
        try Check.positive(multiplier, "multiplier")
        self.longPut = longPut
        self.shortPut = shortPut
        self.shortCall = shortCall
        self.longCall = longCall
        self.contracts = contracts
        self.multiplier = multiplier
    }

    /// The four legs with their signed quantity per unit (+1 long, −1 short), from the lowest strike.
    public var legs: [(right: OptionRight, strike: Double, quantity: Double)] {
        [(.put, longPut, 1), (.put, shortPut, -1), (.call, shortCall, -1), (.call, longCall, 1)]
    }

    /// shortPut − longPut.
    public var putWingWidth: Double { shortPut - longPut }
    /// longCall − shortCall.
    public var callWingWidth: Double { longCall - shortCall }

    /// Per-unit figure → cash: value × multiplier × contracts.
    public func dollars(_ perUnit: Double) -> Double { perUnit * multiplier * Double(contracts) }

    /// Maximum profit per unit: the net credit received (index points).
    public func maxProfit(credit: Double) -> Double { credit }

    /// Maximum loss per unit (positive): the wider wing minus the credit.
    public func maxLoss(credit: Double) -> Double { max(putWingWidth, callWingWidth) - credit }

    /// Price break-evens at expiry: (short put − credit, short call + credit).
    public func breakEvens(credit: Double) -> (lower: Double, upper: Double) {
        (shortPut - credit, shortCall + credit)
    }

    /// Cost to close per unit at expiry for a settlement level `index` (≥ 0): the intrinsic value of
    /// the short put spread plus that of the short call spread.
    public func settlementValue(at index: Double) -> Double {
        let putSpread = max(shortPut - index, 0) - max(longPut - index, 0)
        let callSpread = max(index - shortCall, 0) - max(index - longCall, 0)
        return putSpread + callSpread
    }

    /// Profit per unit held to expiry: credit − settlement value.
    public func profitAtExpiry(credit: Double, index: Double) -> Double {
        credit - settlementValue(at: index)
    }
}
