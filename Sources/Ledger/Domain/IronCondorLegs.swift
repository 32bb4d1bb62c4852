import Foundation

/// The strikes of a condor on one expiry: an iron condor (long put < short put < short call < long
/// call), or a condor with one side only — a put credit spread (long put < short put) or a call
/// credit spread (short call < long call). Strikes > 0. Broken wings are allowed (the wings need not
/// be equally wide). A side is both of its strikes or neither.
public struct IronCondorLegs: Codable, Sendable, Hashable {
    public var expiry: CalendarDate
    @OptionalDecimalText public var longPut: Decimal?
    @OptionalDecimalText public var shortPut: Decimal?
    @OptionalDecimalText public var shortCall: Decimal?
    @OptionalDecimalText public var longCall: Decimal?

    /// Validates the sides, the strike order and positivity; errors name the flag (`--short-put` …).
    /// A side needs both its strikes; at least one side is needed.
    public init(expiry: CalendarDate, longPut: Decimal?, shortPut: Decimal?, shortCall: Decimal?, longCall: Decimal?) throws {
        let named: [(String, Decimal?)] = [("--long-put", longPut), ("--short-put", shortPut), ("--short-call", shortCall), ("--long-call", longCall)]
        for (flag, strike) in named {
            if let strike, strike <= 0 { throw LedgerValidationError(field: flag, rule: "strike must be > 0 (got \(DecimalParser.format(strike)))") }
        }
        try Self.checkSide(named[0], named[1], side: "put")
        try Self.checkSide(named[2], named[3], side: "call")
        if longPut == nil, shortCall == nil {
            throw LedgerValidationError(field: "--short-put", rule: "give the put side (--long-put, --short-put), the call side (--short-call, --long-call) or both")
        }
        let present = named.compactMap { flag, strike in strike.map { (flag, $0) } }
        for index in 1..<present.count {
            let (lowerFlag, lower) = present[index - 1]
            let (upperFlag, upper) = present[index]
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

    /// Both strikes of a side, or neither: the message names the missing one.
    private static func checkSide(_ long: (String, Decimal?), _ short: (String, Decimal?), side: String) throws {
        switch (long.1, short.1) {
        case (nil, .some): throw LedgerValidationError(field: long.0, rule: "is required with \(short.0): a \(side) credit spread has a long and a short \(side)")
        case (.some, nil): throw LedgerValidationError(field: short.0, rule: "is required with \(long.0): a \(side) credit spread has a long and a short \(side)")
        default: break
        }
    }

    /// Rebuilds the strikes from the legs of one side (two legs) or of both (four legs), in any
    /// order; nil unless they form a valid condor or credit spread.
    public init?(expiry: CalendarDate, legs: [CondorLeg]) {
        func strike(_ right: OptionRight, short: Bool) -> Decimal? {
            legs.first { $0.right == right && ($0.quantity < 0) == short }?.strike
        }
        let puts = legs.filter { $0.right == .put }.count, calls = legs.count - puts
        guard [0, 2].contains(puts), [0, 2].contains(calls), puts + calls > 0,
              let built = try? IronCondorLegs(expiry: expiry, longPut: strike(.put, short: false), shortPut: strike(.put, short: true),
                                              shortCall: strike(.call, short: true), longCall: strike(.call, short: false)) else { return nil }
        self = built
    }

    /// Whether the condor has a put spread.
    public var hasPutSide: Bool { shortPut != nil }
    /// Whether the condor has a call spread.
    public var hasCallSide: Bool { shortCall != nil }
    /// Both sides: an iron condor.
    public var isIronCondor: Bool { hasPutSide && hasCallSide }
    /// The sides it has: `.both`, `.put` or `.call`.
    public var sides: RollSide { isIronCondor ? .both : hasPutSide ? .put : .call }

    /// Whether it has `side` (`.both`: both sides).
    public func has(_ side: RollSide) -> Bool {
        switch side {
        case .put: hasPutSide
        case .call: hasCallSide
        case .both: isIronCondor
        }
    }

    /// `iron condor`, `put credit spread` or `call credit spread`.
    public var structureName: String {
        switch sides {
        case .both: "iron condor"
        case .put: "put credit spread"
        case .call: "call credit spread"
        }
    }

    /// Put wing width in index points (short put − long put); 0 without a put side.
    public var putWingWidth: Decimal { (shortPut ?? 0) - (longPut ?? 0) }
    /// Call wing width in index points (long call − short call); 0 without a call side.
    public var callWingWidth: Decimal { (longCall ?? 0) - (shortCall ?? 0) }
    /// The wider wing: the condor's maximum loss per unit before the credit (a spread: its width).
    public var widestWing: Decimal { max(putWingWidth, callWingWidth) }

    /// The width of `side` (`.both`: the widest wing).
    public func width(of side: RollSide) -> Decimal {
        switch side {
        case .put: putWingWidth
        case .call: callWingWidth
        case .both: widestWing
        }
    }

    /// The legs with signed quantities for `contracts` condors: longs +contracts, shorts −contracts;
    /// puts first (long, short), then calls (short, long); two legs for a spread.
    public func legs(contracts: Int) -> [CondorLeg] {
        legs(side: .put, contracts: contracts) + legs(side: .call, contracts: contracts)
    }

    /// The legs of one side (put spread or call spread) for `contracts` condors; none when the
    /// condor lacks that side; `.both`: every leg.
    public func legs(side: RollSide, contracts: Int) -> [CondorLeg] {
        switch side {
        case .put:
            guard let longPut, let shortPut else { return [] }
            return [CondorLeg(right: .put, strike: longPut, quantity: contracts), CondorLeg(right: .put, strike: shortPut, quantity: -contracts)]
        case .call:
            guard let shortCall, let longCall else { return [] }
            return [CondorLeg(right: .call, strike: shortCall, quantity: -contracts), CondorLeg(right: .call, strike: longCall, quantity: contracts)]
        case .both:
            return legs(contracts: contracts)
        }
    }

    /// Value per unit (index points) of the condor at a settlement index level: the debit a
    /// holder of the short condor pays at expiry, between 0 and the widest wing. A missing side is worth 0.
    public func settlementValue(at level: Decimal) -> Decimal {
        var value: Decimal = 0
        if let shortPut { value += min(max(shortPut - level, 0), putWingWidth) }
        if let shortCall { value += min(max(level - shortCall, 0), callWingWidth) }
        return value
    }

    /// The same condor with `side`'s strikes replaced (`.both`: all four); nil strikes keep the
    /// current ones. Throws when the result is not a valid condor.
    public func replacing(expiry: CalendarDate? = nil, longPut: Decimal? = nil, shortPut: Decimal? = nil, shortCall: Decimal? = nil,
                          longCall: Decimal? = nil) throws -> IronCondorLegs {
        try IronCondorLegs(expiry: expiry ?? self.expiry, longPut: longPut ?? self.longPut, shortPut: shortPut ?? self.shortPut,
                           shortCall: shortCall ?? self.shortCall, longCall: longCall ?? self.longCall)
    }

    /// `4900/4950/5300/5350`, `4900/4950 put spread`, `5300/5350 call spread`.
    public var strikesText: String {
        let f = DecimalParser.format
        switch (longPut, shortPut, shortCall, longCall) {
        case let (lp?, sp?, sc?, lc?): return "\(f(lp))/\(f(sp))/\(f(sc))/\(f(lc))"
        case let (lp?, sp?, _, _): return "\(f(lp))/\(f(sp)) put spread"
        case let (_, _, sc?, lc?): return "\(f(sc))/\(f(lc)) call spread"
        default: return ""
        }
    }
}
