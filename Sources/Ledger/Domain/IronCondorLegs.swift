import Foundation

/// The four strikes of an iron condor on one expiry: long put < short put < short call < long call,
/// all > 0. Broken wings are allowed (the wings need not be equally wide).
public struct IronCondorLegs: Codable, Sendable, Hashable {
    public var expiry: CalendarDate
    @DecimalText public var longPut: Decimal
    @DecimalText public var shortPut: Decimal
    @DecimalText public var shortCall: Decimal
    @DecimalText public var longCall: Decimal

    /// Validates the strike order and positivity; errors name the flag (`--short-put` …).
    public init(expiry: CalendarDate, longPut: Decimal, shortPut: Decimal, shortCall: Decimal, longCall: Decimal) throws {
        let named: [(String, Decimal)] = [("--long-put", longPut), ("--short-put", shortPut), ("--short-call", shortCall), ("--long-call", longCall)]
        for (flag, strike) in named where strike <= 0 {
            throw LedgerValidationError(field: flag, rule: "strike must be > 0 (got \(DecimalParser.format(strike)))")
        }
        for index in 1..<named.count {
            let (lowerFlag, lower) = named[index - 1]
            let (upperFlag, upper) = named[index]
            if upper <= lower {
                throw LedgerValidationError(field: upperFlag, rule: "must be above \(lowerFlag) (got \(DecimalParser.format(upper)) ≤ \(DecimalParser.format(lower)))")
            }
        }
        self.expiry = expiry
        self.longPut = longPut
        self.shortPut = shortPut
        self.shortCall = shortCall
        self.longCall = longCall
    }

    /// Rebuilds the strikes from four legs (any order); nil unless they form a valid condor.
    public init?(expiry: CalendarDate, legs: [CondorLeg]) {
        func strike(_ right: OptionRight, short: Bool) -> Decimal? {
            legs.first { $0.right == right && ($0.quantity < 0) == short }?.strike
        }
        guard legs.count == 4, let lp = strike(.put, short: false), let sp = strike(.put, short: true),
              let sc = strike(.call, short: true), let lc = strike(.call, short: false),
              let built = try? IronCondorLegs(expiry: expiry, longPut: lp, shortPut: sp, shortCall: sc, longCall: lc) else { return nil }
        self = built
    }

    /// Put wing width in index points (short put − long put).
    public var putWingWidth: Decimal { shortPut - longPut }
    /// Call wing width in index points (long call − short call).
    public var callWingWidth: Decimal { longCall - shortCall }
    /// The wider wing: the condor's maximum loss per unit before the credit.
    public var widestWing: Decimal { max(putWingWidth, callWingWidth) }

    /// The four legs with signed quantities for `contracts` condors: longs +contracts, shorts −contracts.
    public func legs(contracts: Int) -> [CondorLeg] {
        [
            CondorLeg(right: .put, strike: longPut, quantity: contracts),
            CondorLeg(right: .put, strike: shortPut, quantity: -contracts),
            CondorLeg(right: .call, strike: shortCall, quantity: -contracts),
            CondorLeg(right: .call, strike: longCall, quantity: contracts),
        ]
    }

    /// The legs of one side (put spread or call spread) for `contracts` condors.
    public func legs(side: RollSide, contracts: Int) -> [CondorLeg] {
        let all = legs(contracts: contracts)
        switch side {
        case .put: return Array(all[0...1])
        case .call: return Array(all[2...3])
        case .both: return all
        }
    }

    /// Value per unit (index points) of the condor at a settlement index level: the debit a
    /// holder of the short condor pays at expiry, between 0 and the widest wing.
    public func settlementValue(at level: Decimal) -> Decimal {
        let putSpread = min(max(shortPut - level, 0), putWingWidth)
        let callSpread = min(max(level - shortCall, 0), callWingWidth)
        return putSpread + callSpread
    }
}
