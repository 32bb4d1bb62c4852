import Finance
import Foundation
import Ledger

/// The execution model (`ExecutionParameters`): what a trade at a mark fills at and pays. Prices
/// per unit in index points, fees in dollars, all rounded to cents (half to even).
extension MarketModel {
    /// The credit for selling a condor whose legs' mids total `mid` per unit: mid less the slippage
    /// on each of its `legs` legs.
    public func sellingCredit(mid: Decimal, legs: Int = 4) -> Decimal {
        Money.rounded(mid - Decimal(legs) * execution.slippagePerLeg)
    }

    /// The debit for buying a condor back at `mid` per unit: mid plus the slippage on each leg (≥ 0).
    public func buyingDebit(mid: Decimal, legs: Int = 4) -> Decimal {
        Money.rounded(max(0, mid + Decimal(legs) * execution.slippagePerLeg))
    }

    /// The feed's fee schedule for trading `legs` legs of `contracts` condors.
    public func condorFees(legs: Int, contracts: Int) -> Decimal {
        Money.rounded(Decimal(legs) * execution.feePerLegContract * Decimal(contracts))
    }

    /// The price paid for a VIX option whose mid is `mid`: mid plus the half spread, at least 0.01.
    public func vixBuyingPrice(mid: Double) -> Decimal {
        max(((try? Money.cents(mid)) ?? 0) + execution.vixOptionHalfSpread, Decimal(string: "0.01")!)
    }

    /// The price received for a VIX option whose mid is `mid`: mid less the half spread, at least 0.
    public func vixSellingPrice(mid: Double) -> Decimal {
        max(((try? Money.cents(mid)) ?? 0) - execution.vixOptionHalfSpread, 0)
    }

    /// Fees for trading `contracts` VIX options.
    public func vixFees(contracts: Int) -> Decimal {
        Money.rounded(execution.vixOptionFeePerContract * Decimal(contracts))
    }
}
