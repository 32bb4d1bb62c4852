import Foundation
import Ledger

/// One condor as the fixed rule manages it.
public struct FixedRulePosition: Sendable, Hashable {
    public var strikes: IronCondorLegs { didSet { priced = PricedLegs(strikes) } }
    /// `strikes` as the model values them.
    public private(set) var priced: PricedLegs
    public var underlying: Underlying
    public var contracts: Int
    /// Dollars per index point per contract.
    public var multiplier: Decimal
    /// The rule's C: the net credit per unit the current structure was sold for.
    public var credit: Decimal
    /// The condor's own fees for trading four legs (its opening fees, dollars): a close pays them
    /// once, a roll twice (close four legs, open four).
    public var feesPerFourLegs: Decimal
    /// Calendar days from the opening to the expiry when the condor was opened: a roll's tenor.
    public var tenorDays: Int
    /// Rolls the rule has made.
    public var rolls = 0

    public init(strikes: IronCondorLegs, underlying: Underlying, contracts: Int, multiplier: Decimal = 100, credit: Decimal,
                feesPerFourLegs: Decimal, tenorDays: Int, rolls: Int = 0) {
        self.strikes = strikes
        priced = PricedLegs(strikes)
        self.underlying = underlying
        self.contracts = contracts
        self.multiplier = multiplier
        self.credit = credit
        self.feesPerFourLegs = feesPerFourLegs
        self.tenorDays = tenorDays
        self.rolls = rolls
    }

    /// The position of a condor as opened.
    public init(opened: CondorOpened, at: Date) throws {
        guard let strikes = opened.strikes else {
            throw LedgerValidationError(field: "legs", rule: "condor \(opened.condorID.lowercasedString) was not opened as an iron condor")
        }
        self.init(strikes: strikes, underlying: opened.underlying, contracts: opened.contracts, multiplier: opened.multiplier,
                  credit: opened.credit, feesPerFourLegs: opened.fees,
                  tenorDays: MarketCalendar.daysToExpiry(strikes.expiry, from: CalendarDate(newYorkDateOf: at)))
    }

    /// Dollars per unit of price: multiplier × contracts.
    public var dollarsPerPoint: Decimal { multiplier * Decimal(contracts) }
}

/// The fixed risk:reward rule acting on one condor at one mark: hold, take profit, stop (close, or
/// roll with `--at-stop roll`) or exit on time, with the fills and fees of the mark's model. The
/// fixed backtest policy and the decision review's fixed path (`FixedRulePath`) both call `step`,
/// so a counterfactual is the run the fixed policy makes from the same state.
///
/// - Value: `MarketModel.value` (quotes where recorded, else the model), cents; the verdict is
///   `FixedRule.verdict` against the position's credit with calendar days to expiry.
/// - Exits buy the condor back at `buyingDebit` (mid + slippage on four legs) and pay the
///   position's own fees for four legs.
/// - A roll (at the stop, at most `maximumRolls` times) buys it back, sells `RollTarget.legs` at
///   `sellingCredit` (mid − slippage on four legs) and pays fees for eight legs; the rule then
///   applies with the new structure's credit. No roll target, an unchanged one, or no credit for
///   it: the stop closes instead.
/// - At expiry the condor settles at a level (`settle`): no fill, no fees.
public struct FixedRuleEngine: Sendable {
    public var rule: FixedRule
    public static let maximumRolls = 3

    public init(rule: FixedRule) { self.rule = rule }

    /// What the rule does at a mark.
    public enum Step: Sendable, Hashable {
        case hold(value: CondorValue)
        /// Take profit, stop or time exit: buy it back for `debit` per unit, pay `fees` dollars.
        case close(verdict: FixedRule.Verdict, value: CondorValue, debit: Decimal, fees: Decimal)
        /// Buy it back for `debit`, sell `to` for `credit` (valued `newValue`), pay `fees` for both.
        case roll(value: CondorValue, debit: Decimal, to: IronCondorLegs, credit: Decimal, newValue: CondorValue, fees: Decimal)

        public var value: CondorValue {
            switch self {
            case .hold(let v), .close(_, let v, _, _), .roll(let v, _, _, _, _, _): v
            }
        }
    }

    /// The rule's levels for a credit: `FixedRule.verdict`'s, computed once per structure.
    public struct Levels: Sendable, Hashable {
        public var credit: Decimal
        /// Take profit at a value ≤ this: (1 − take-profit) × credit.
        public var takeProfit: Decimal
        /// Stop at a value ≥ this: (1 + stop) × credit.
        public var stop: Decimal
    }

    public func levels(credit: Decimal) -> Levels {
        Levels(credit: credit, takeProfit: (1 - rule.takeProfit) * credit, stop: (1 + rule.stop) * credit)
    }

    /// `FixedRule.verdict(value:credit:daysToExpiry:)` with the levels already computed.
    public func verdict(value: Decimal, levels: Levels, daysToExpiry: Int) -> FixedRule.Verdict {
        if value <= levels.takeProfit { return .takeProfit }
        if value >= levels.stop { return rule.atStop == .close ? .stop : .stopRoll }
        if let exit = rule.exitDTE, daysToExpiry <= exit { return .time }
        return .hold
    }

    /// The rule's step for `position` at `mark` (before its settlement instant).
    public func step(_ position: FixedRulePosition, at mark: MarketMark) -> Step {
        step(position, levels: levels(credit: position.credit), at: mark)
    }

    /// The same with `levels` for the position's credit (`levels(credit:)`).
    public func step(_ position: FixedRulePosition, levels: Levels, at mark: MarketMark) -> Step {
        let model = mark.model
        let value = model.value(position.priced, underlying: position.underlying, at: mark)
        let days = MarketCalendar.daysToExpiry(position.strikes.expiry, from: mark.date)
        let verdict = verdict(value: value.perUnit, levels: levels, daysToExpiry: days)
        var close: Step {
            .close(verdict: verdict == .stopRoll ? .stop : verdict, value: value, debit: model.buyingDebit(mid: value.perUnit), fees: position.feesPerFourLegs)
        }
        switch verdict {
        case .hold, .expiry, .open:
            return .hold(value: value)
        case .takeProfit, .stop, .time:
            return close
        case .stopRoll:
            guard position.rolls < Self.maximumRolls,
                  let next = RollTarget.legs(position.strikes, underlying: position.underlying, tenorDays: position.tenorDays, at: mark),
                  next != position.strikes else { return close }
            let newValue = model.value(next, underlying: position.underlying, at: mark)
            let credit = model.sellingCredit(mid: newValue.perUnit)
            guard credit > 0 else { return close }
            return .roll(value: value, debit: model.buyingDebit(mid: value.perUnit), to: next, credit: credit, newValue: newValue,
                         fees: 2 * position.feesPerFourLegs)
        }
    }

    /// The position after a roll step.
    public func rolled(_ position: FixedRulePosition, to legs: IronCondorLegs, credit: Decimal) -> FixedRulePosition {
        var next = position
        next.strikes = legs
        next.credit = credit
        next.rolls += 1
        return next
    }

    /// The debit per unit at expiry for a settlement `level` of the underlying (SPX, or XSP's own
    /// level): the condor's intrinsic value.
    public func settlementValue(_ position: FixedRulePosition, level: Decimal) -> Decimal {
        position.strikes.settlementValue(at: level)
    }
}
