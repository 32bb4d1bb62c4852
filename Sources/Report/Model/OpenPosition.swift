import Foundation
import Ledger

/// An open condor with its greeks and break-evens at the last mark.
///
/// Greeks are the whole position's in dollars: delta per SPX point, gamma per point², theta per
/// calendar day, vega per volatility point, volga per volatility point². Price break-evens are the
/// short put − cumulative credit and the short call + cumulative credit (index points); the
/// volatility break-even is the flat implied volatility (percent) at which the condor's mark reaches
/// the fixed rule's stop level (1 + stop) × credit at the last mark's spot.
public struct OpenPosition: Sendable, Hashable {
    public struct Greeks: Sendable, Hashable {
        public var delta: Double, gamma: Double, theta: Double, vega: Double, volga: Double
        public init(delta: Double, gamma: Double, theta: Double, vega: Double, volga: Double) {
            self.delta = delta
            self.gamma = gamma
            self.theta = theta
            self.vega = vega
            self.volga = volga
        }
    }

    public var condorID: UUID
    public var portfolio: String
    public var underlying: String
    /// `4640/4690/5235/5285`.
    public var strikes: String
    public var expiry: CalendarDate
    public var contracts: Int
    public var cumulativeCredit: Decimal
    public var markValue: Decimal?
    public var unrealizedPnL: Decimal?
    public var greeks: Greeks?
    /// Index levels at expiry where the position breaks even; nil for the side a credit spread lacks.
    public var lowerBreakEven: Decimal?
    public var upperBreakEven: Decimal?
    /// Percent, or a word (`unreachable`, `already at stop`), or nil without a mark.
    public var volatilityBreakEven: String?

    public init(condorID: UUID, portfolio: String, underlying: String, strikes: String, expiry: CalendarDate, contracts: Int,
                cumulativeCredit: Decimal, markValue: Decimal?, unrealizedPnL: Decimal?, greeks: Greeks?, lowerBreakEven: Decimal?,
                upperBreakEven: Decimal?, volatilityBreakEven: String?) {
        self.condorID = condorID
        self.portfolio = portfolio
        self.underlying = underlying
        self.strikes = strikes
        self.expiry = expiry
        self.contracts = contracts
        self.cumulativeCredit = cumulativeCredit
        self.markValue = markValue
        self.unrealizedPnL = unrealizedPnL
        self.greeks = greeks
        self.lowerBreakEven = lowerBreakEven
        self.upperBreakEven = upperBreakEven
        self.volatilityBreakEven = volatilityBreakEven
    }
}
