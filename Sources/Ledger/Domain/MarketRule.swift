import Foundation

/// Rules the market itself implies for prices of condors and spreads (per unit, index points): a
/// credit received for a spread or a condor is below its widest wing (otherwise it could never lose
/// and the trade could not have filled). A debit to close is not bounded by the wing: a fill with
/// slippage may pay a little more than the structure is worth. The message names the flag and the rule.
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
}
