import Finance
import Foundation
import Ledger
import Market

/// What the advisor knows about one open condor at a mark. Per-unit figures in index points. A
/// credit spread has 0 for the two strikes of the side it lacks (strikes are otherwise > 0) and
/// 0 for that side's short delta.
public struct CondorSnapshot: Sendable, Hashable {
    public var longPut: Double
    public var shortPut: Double
    public var shortCall: Double
    public var longCall: Double
    /// Condors held (≥ 1).
    public var contracts: Int
    /// Net credit per unit received so far (opening credit plus every roll's net credit).
    public var credit: Double
    /// Calendar days to expiry.
    public var daysToExpiry: Int
    /// Mark: the debit to buy it back per unit, and the short position's greeks per unit
    /// (vega and volga per 1.00 of vol; see `OptionGreeks`).
    public var valuation: CondorValuation
    /// Delta of the short put as an option (negative) and of the short call (positive).
    public var shortPutDelta: Double
    public var shortCallDelta: Double
    /// Where the mark reaches the fixed stop level as flat implied vol moves, at today's spot.
    public var volatilityBreakEven: VolatilityBreakEven?
    /// Rolls made so far.
    public var rolls: Int
    /// Sessions since the last recorded deferral, nil if none.
    public var sessionsSinceDeferral: Int?
    /// Dollars per index point per contract (100).
    public var multiplier: Double
    /// The mark as the ledger values it (cents, with its source), when built from a market mark.
    public var value: CondorValue?

    public init(longPut: Double, shortPut: Double, shortCall: Double, longCall: Double, contracts: Int, credit: Double,
                daysToExpiry: Int, valuation: CondorValuation, shortPutDelta: Double, shortCallDelta: Double,
                volatilityBreakEven: VolatilityBreakEven? = nil, rolls: Int = 0, sessionsSinceDeferral: Int? = nil, multiplier: Double = 100) {
        self.longPut = longPut
        self.shortPut = shortPut
        self.shortCall = shortCall
        self.longCall = longCall
        self.contracts = contracts
        self.credit = credit
        self.daysToExpiry = daysToExpiry
        self.valuation = valuation
        self.shortPutDelta = shortPutDelta
        self.shortCallDelta = shortCallDelta
        self.volatilityBreakEven = volatilityBreakEven
        self.rolls = rolls
        self.sessionsSinceDeferral = sessionsSinceDeferral
        self.multiplier = multiplier
    }

    /// The condor at `mark`, valued with the mark's market model (`MarketModel.risk`): the value
    /// the rules compare (quotes where recorded, else the model), greeks, short deltas and, with
    /// `stopMultiple`, the volatility at which the value reaches the stop (1 + stopMultiple) × credit.
    /// Nil at or after settlement.
    public init?(strikes: IronCondorLegs, underlying: Underlying, contracts: Int, credit: Decimal, at mark: MarketMark,
                 stopMultiple: Double? = nil, rolls: Int = 0, sessionsSinceDeferral: Int? = nil) {
        self.init(legs: PricedLegs(strikes), underlying: underlying, contracts: contracts, credit: credit, at: mark, stopMultiple: stopMultiple,
                  rolls: rolls, sessionsSinceDeferral: sessionsSinceDeferral)
    }

    /// The same for strikes already prepared (`PricedLegs`).
    public init?(legs: PricedLegs, underlying: Underlying, contracts: Int, credit: Decimal, at mark: MarketMark,
                 stopMultiple: Double? = nil, rolls: Int = 0, sessionsSinceDeferral: Int? = nil) {
        let credit = NSDecimalNumber(decimal: credit).doubleValue
        let stop = stopMultiple.map { (1 + $0) * credit }
        guard let risk = mark.model.risk(legs, underlying: underlying, contracts: contracts, at: mark, stopLevel: stop) else { return nil }
        self.init(longPut: legs.longPut, shortPut: legs.shortPut, shortCall: legs.shortCall, longCall: legs.longCall,
                  contracts: contracts, credit: credit, daysToExpiry: MarketCalendar.daysToExpiry(legs.strikes.expiry, from: mark.date),
                  valuation: risk.valuation, shortPutDelta: risk.shortPutDelta, shortCallDelta: risk.shortCallDelta,
                  volatilityBreakEven: risk.volatilityBreakEven, rolls: rolls, sessionsSinceDeferral: sessionsSinceDeferral)
        value = risk.value
    }

    /// The mark per unit.
    public var mark: Double { valuation.closingCost }

    /// Whether it has a put spread (a short put strike).
    public var hasPutSide: Bool { shortPut > 0 }
    /// Whether it has a call spread (a short call strike).
    public var hasCallSide: Bool { shortCall > 0 }
    /// Legs held per unit: 4 for an iron condor, 2 for a credit spread.
    public var legCount: Int { (hasPutSide ? 2 : 0) + (hasCallSide ? 2 : 0) }

    /// Price break-evens at expiry: (short put − credit, short call + credit); nil for the side a
    /// credit spread lacks (a put spread has no upper break-even, a call spread no lower one).
    public var priceBreakEvens: (lower: Double?, upper: Double?) {
        (hasPutSide ? shortPut - credit : nil, hasCallSide ? shortCall + credit : nil)
    }

    /// Dollars the position would lose if every leg's vol rose by `volatilityPoints` (5 = +5 vol
    /// points), from the second-order vega–volga expansion: −(vega·Δσ + ½·volga·Δσ²) × multiplier × contracts.
    public func shockLoss(volatilityPoints: Double) -> Double {
        let d = volatilityPoints / 100
        return -(valuation.unit.vega * d + 0.5 * valuation.unit.volga * d * d) * multiplier * Double(contracts)
    }
}
