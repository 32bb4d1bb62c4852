import Finance
import Foundation

/// Every input of a feed's market model (the `MarketModelSet` payload): how its marks value SPX,
/// SPXW and XSP condor legs and VIX options, and what trading at them costs. Decimal fractions
/// (0.04 = 4 %), index points per unit for prices and slippage, dollars for fees.
///
/// - Condor legs: a recorded quote's mid where the mark has that strike, else Black-Scholes-Merton
///   on the index (SPX/10 for XSP) with `rate`, `dividendYield` and each leg's volatility from the
///   `skew` model and the mark's VIX9D/VIX/VIX3M.
/// - VIX options: Black-76 on the VIX future of the option's month (the recorded future when the
///   mark has it, else VIX + (VIX3M − VIX) × min(days to expiry / `vixFuturesCurveDays`, 1)) at
///   `vixOptionVolatility`, discounted at `rate`.
/// - Time to expiry (`timeConvention`): seconds from the mark to the settlement instant (16:00 New
///   York for PM settlement, 09:30 for AM) / (365 × 86,400).
/// - `execution`: fills and fees (see `ExecutionParameters`).
public struct MarketModelParameters: Codable, Sendable, Hashable {
    /// Continuously compounded risk-free rate, annual fraction.
    @DecimalText public var rate: Decimal
    /// Continuous dividend yield of the S&P 500, annual fraction.
    @DecimalText public var dividendYield: Decimal
    /// The one time convention this build knows: `seconds-to-settlement/365d`.
    public var timeConvention: String
    /// The volatility-skew model and its parameters.
    public var skew: SkewParameters
    /// Implied volatility of VIX options (vol of vol), annual fraction.
    @DecimalText public var vixOptionVolatility: Decimal
    /// Calendar days over which the VIX futures curve runs from VIX to VIX3M (futures not recorded).
    public var vixFuturesCurveDays: Int
    public var execution: ExecutionParameters

    public init(rate: Decimal, dividendYield: Decimal, timeConvention: String = MarketModelParameters.secondsToSettlement,
                skew: SkewParameters = .standard, vixOptionVolatility: Decimal, vixFuturesCurveDays: Int, execution: ExecutionParameters) {
        self.rate = rate
        self.dividendYield = dividendYield
        self.timeConvention = timeConvention
        self.skew = skew
        self.vixOptionVolatility = vixOptionVolatility
        self.vixFuturesCurveDays = vixFuturesCurveDays
        self.execution = execution
    }

    /// Time to expiry = seconds to the settlement instant / (365 × 86,400).
    public static let secondsToSettlement = "seconds-to-settlement/365d"

    /// The documented defaults: what a feed's first mark records, and a backtest's model unless
    /// given another: rate 4 %, dividend yield 1.3 %, the standard skew, VIX options at 90 % vol with
    /// a 63-day VIX→VIX3M curve; fills at mid ∓ 0.10 per leg, $1.00 per leg and contract, VIX
    /// options at mid ∓ 0.05 and $1.00 per contract.
    public static let standard = MarketModelParameters(
        rate: d("0.04"), dividendYield: d("0.013"), vixOptionVolatility: d("0.9"),
        vixFuturesCurveDays: 63,
        execution: ExecutionParameters(slippagePerLeg: d("0.10"), feePerLegContract: 1,
                                       vixOptionHalfSpread: d("0.05"), vixOptionFeePerContract: 1))

    /// What values the marks of a feed that has no `MarketModelSet` (ledgers written before models
    /// were recorded): the valuation the projections used then (rate 4 %, dividend yield 1.3 %, the
    /// standard skew, VIX options at 90 %), fills at mid and no fees from the model (a condor's
    /// counterfactual still pays its own recorded fees). Frozen: never change these numbers.
    public static let unrecorded = MarketModelParameters(
        rate: d("0.04"), dividendYield: d("0.013"), vixOptionVolatility: d("0.9"),
        vixFuturesCurveDays: 63, execution: ExecutionParameters(slippagePerLeg: 0, feePerLegContract: 0, vixOptionHalfSpread: 0, vixOptionFeePerContract: 0))

    /// Checks every parameter; the error names the `alvh market model` flag and the rule.
    public func validate() throws {
        try Self.check(rate, within: Self.d("-0.10")...Self.d("0.50"), field: "--rate", what: "a fraction between -0.10 and 0.50 (0.04 = 4 %)")
        try Self.check(dividendYield, within: Self.d("-0.10")...Self.d("0.50"), field: "--dividend-yield", what: "a fraction between -0.10 and 0.50 (0.013 = 1.3 %)")
        guard timeConvention == Self.secondsToSettlement else {
            throw LedgerValidationError(field: "timeConvention", rule: "must be \(Self.secondsToSettlement) (got \(Echo.quoted(timeConvention))); use a newer alvh")
        }
        try Self.check(vixOptionVolatility, within: Self.d("0.01")...5, field: "--vix-option-vol", what: "a fraction between 0.01 and 5 (0.9 = 90 %)")
        guard (1...365).contains(vixFuturesCurveDays) else {
            throw LedgerValidationError(field: "--vix-curve-days", rule: "must be 1 … 365 calendar days (got \(vixFuturesCurveDays))")
        }
        try execution.validate()
        _ = try skew.volatilitySkew()
    }

    /// An exact decimal from its text (a float literal would go through binary).
    static func d(_ text: String) -> Decimal { DecimalParser.parse(text)! }

    static func check(_ value: Decimal, within range: ClosedRange<Decimal>, field: String, what: String) throws {
        guard range.contains(value) else {
            throw LedgerValidationError(field: field, rule: "must be \(what) (got \(DecimalParser.format(value)))")
        }
    }
}

/// What trading at a mark costs: every leg of an SPX condor fills at its mid less (selling) or
/// plus (buying) `slippagePerLeg`; fees are `feePerLegContract` dollars per leg and contract; a
/// VIX option fills at mid ∓ `vixOptionHalfSpread` (never below 0.01 when bought) and pays
/// `vixOptionFeePerContract` dollars per contract. Fills and fees are rounded to cents.
public struct ExecutionParameters: Codable, Sendable, Hashable {
    /// Index points per unit per leg (≥ 0).
    @DecimalText public var slippagePerLeg: Decimal
    /// Dollars per leg per contract (≥ 0): commission and exchange fees.
    @DecimalText public var feePerLegContract: Decimal
    /// Index points per unit (≥ 0).
    @DecimalText public var vixOptionHalfSpread: Decimal
    /// Dollars per VIX option contract (≥ 0).
    @DecimalText public var vixOptionFeePerContract: Decimal

    public init(slippagePerLeg: Decimal, feePerLegContract: Decimal, vixOptionHalfSpread: Decimal, vixOptionFeePerContract: Decimal) {
        self.slippagePerLeg = slippagePerLeg
        self.feePerLegContract = feePerLegContract
        self.vixOptionHalfSpread = vixOptionHalfSpread
        self.vixOptionFeePerContract = vixOptionFeePerContract
    }

    public func validate() throws {
        try MarketModelParameters.check(slippagePerLeg, within: 0...100, field: "--slippage", what: "≥ 0 and ≤ 100 index points per leg")
        try MarketModelParameters.check(feePerLegContract, within: 0...1000, field: "--fee-per-leg", what: "≥ 0 and ≤ 1000 dollars per leg and contract")
        try MarketModelParameters.check(vixOptionHalfSpread, within: 0...100, field: "--vix-half-spread", what: "≥ 0 and ≤ 100 index points")
        try MarketModelParameters.check(vixOptionFeePerContract, within: 0...1000, field: "--vix-fee", what: "≥ 0 and ≤ 1000 dollars per contract")
    }
}
