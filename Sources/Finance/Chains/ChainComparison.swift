/// The model against one real chain, per expiry: the 10/16/25-delta puts and calls the model
/// selects (model vs real mid and IV) and the default condor (16-delta shorts by the model's own
/// selection, fixed-width wings, like the backtest): model vs real mid credit and the real (CBOE)
/// deltas of the model's short strikes.
public struct ChainComparison: Sendable {
    /// Pricing inputs: the skew, the indices at the quote date, continuously compounded rate and
    /// dividend yield, the strike grid and the condor's wing width (index points).
    public struct Inputs: Sendable, Hashable {
        public var skew: VolatilitySkew
        public var levels: VolatilityLevels
        public var rate: Double
        public var dividendYield: Double
        public var strikeStep: Double
        public var wingWidth: Double
        public var shortDelta: Double

        public init(skew: VolatilitySkew = VolatilitySkew(), levels: VolatilityLevels, rate: Double = 0.04, dividendYield: Double = 0.013,
                    strikeStep: Double = 5, wingWidth: Double = 50, shortDelta: Double = 0.16) {
            self.skew = skew
            self.levels = levels
            self.rate = rate
            self.dividendYield = dividendYield
            self.strikeStep = strikeStep
            self.wingWidth = wingWidth
            self.shortDelta = shortDelta
        }
    }

    /// The delta targets compared, in print order (puts then calls).
    public static let legTargets: [(right: OptionRight, delta: Double)] = [(.put, 0.25), (.put, 0.16), (.put, 0.10),
                                                                            (.call, 0.10), (.call, 0.16), (.call, 0.25)]

    public var inputs: Inputs

    public init(inputs: Inputs) { self.inputs = inputs }

    /// Every expiry of `chain` (one root per date, `OptionChain.preferredExpiries`) whose calendar
    /// days to expiry are in `days`.
    public func compare(_ chain: OptionChain, days: ClosedRange<Int>) throws -> [ExpiryComparison] {
        try chain.preferredExpiries.filter { days.contains(chain.daysToExpiry($0)) }.map { try compare($0, in: chain) }
    }

    /// One expiry.
    public func compare(_ expiry: ChainExpiry, in chain: OptionChain) throws -> ExpiryComparison {
        let t = chain.timeYears(to: expiry)
        let pricer = try ChainLegPricer(inputs: inputs, spot: chain.spot, timeYears: t)
        let legs = try Self.legTargets.map { target in
            pricer.leg(target.right, strike: try pricer.strike(target.right, delta: target.delta), targetDelta: target.delta, in: expiry)
        }
        let shortPut = try pricer.strike(.put, delta: inputs.shortDelta), shortCall = try pricer.strike(.call, delta: inputs.shortDelta)
        let condorLegs = [pricer.leg(.put, strike: shortPut - inputs.wingWidth, targetDelta: nil, in: expiry),
                          pricer.leg(.put, strike: shortPut, targetDelta: inputs.shortDelta, in: expiry),
                          pricer.leg(.call, strike: shortCall, targetDelta: inputs.shortDelta, in: expiry),
                          pricer.leg(.call, strike: shortCall + inputs.wingWidth, targetDelta: nil, in: expiry)]
        let signs: [Double] = [-1, 1, 1, -1]
        let modelCredit = zip(signs, condorLegs).reduce(0) { $0 + $1.0 * $1.1.modelMid }
        let realMids = condorLegs.map(\.realMid)
        let realCredit: Double? = realMids.allSatisfy { $0 != nil } ? zip(signs, realMids).reduce(0) { $0 + $1.0 * $1.1! } : nil
        let condor = CondorComparison(longPut: shortPut - inputs.wingWidth, shortPut: shortPut, shortCall: shortCall,
                                      longCall: shortCall + inputs.wingWidth, modelCredit: modelCredit, realCredit: realCredit,
                                      shortPutRealDelta: condorLegs[1].realDelta, shortCallRealDelta: condorLegs[2].realDelta)
        return ExpiryComparison(expiry: expiry.expiry, root: expiry.root, daysToExpiry: chain.daysToExpiry(expiry), timeYears: t,
                                forward: pricer.forward, legs: legs, condor: condor)
    }
}
