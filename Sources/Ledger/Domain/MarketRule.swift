import Foundation

/// Rules the market itself implies for prices of condors and spreads (per unit, index points): a
/// credit received for a spread or a condor is below its widest wing (otherwise it could never lose
/// and the trade could not have filled), and a debit paid to close one is at most its widest wing
/// (its value at expiry never exceeds it). The message names the flag and the rule.
public enum MarketRule {
    /// `credit` for `strikes` (a condor or a spread) must be below the widest wing.
    public static func credit(_ credit: Decimal, for strikes: IronCondorLegs, field: String) throws {
        let width = strikes.widestWing
        guard credit < width else {
            let wings = strikes.isIronCondor ? "its widest wing (\(DecimalParser.format(width)) points)" : "its width (\(DecimalParser.format(width)) points)"
            throw LedgerValidationError(field: field, rule: "the credit of \(strikes.isIronCondor ? "an" : "a") \(strikes.structureName) must be below \(wings), the most it can lose (got \(DecimalParser.format(credit)))")
        }
    }

    /// `credit` for the new legs of `side` of `strikes` must be below that side's width (both sides:
    /// the widest wing).
    public static func credit(_ credit: Decimal, opening side: RollSide, of strikes: IronCondorLegs, field: String) throws {
        let width = strikes.width(of: side)
        guard credit < width else {
            throw LedgerValidationError(field: field, rule: "the credit for the new \(side == .both ? "legs" : "\(side.rawValue) spread") must be below its width (\(DecimalParser.format(width)) points) (got \(DecimalParser.format(credit)))")
        }
    }

    /// `debit` to close `side` of `strikes` (`.both`: the whole condor) must be at most its width.
    public static func debit(_ debit: Decimal, closing side: RollSide, of strikes: IronCondorLegs, field: String) throws {
        let width = strikes.width(of: side)
        guard debit <= width else {
            let what = side == .both ? "the \(strikes.structureName)" : "the \(side.rawValue) spread"
            throw LedgerValidationError(field: field, rule: "the debit to close \(what) must be at most its width (\(DecimalParser.format(width)) points), what it is worth at most (got \(DecimalParser.format(debit)))")
        }
    }
}
