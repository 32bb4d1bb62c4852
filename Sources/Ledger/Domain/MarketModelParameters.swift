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
    /// given another: rate 4 %, dividend yield 1.3 %, the standard skew (the shipped chain fit), VIX options at 90 % vol with
    /// a 63-day VIX→VIX3M curve; fills at mid ∓ 0.10 per leg, $1.00 per leg and contract, VIX
    /// options at mid ∓ 0.05 and $1.00 per contract.
    public static let standard = MarketModelParameters(
        rate: d("0.04"), dividendYield: d("0.013"), vixOptionVolatility: d("0.9"),
        vixFuturesCurveDays: 63,
        execution: ExecutionParameters(slippagePerLeg: d("0.10"), feePerLegContract: 1,
                                       vixOptionHalfSpread: d("0.05"), vixOptionFeePerContract: 1))

    /// What values the marks of a feed that has no `MarketModelSet` (ledgers written before models
    /// were recorded): the valuation the projections used just before (rate 4 %, dividend yield
    /// 1.3 %, the first chain-fitted skew `SkewParameters.chainFit1`, VIX options at 90 %), fills at
    /// mid and no fees from the model (a condor's counterfactual still pays its own recorded fees).
    /// Frozen: never change these numbers.
    public static let unrecorded = MarketModelParameters(
        rate: d("0.04"), dividendYield: d("0.013"), skew: .chainFit1, vixOptionVolatility: d("0.9"),
        vixFuturesCurveDays: 63, execution: ExecutionParameters(slippagePerLeg: 0, feePerLegContract: 0, vixOptionHalfSpread: 0, vixOptionFeePerContract: 0))

    /// Checks every parameter; the error names the `alvh market model` flag (`Field`) and the rule.
    public func validate() throws {
        try Limits.rate.check(rate, field: Field.rate.name)
        try Limits.dividendYield.check(dividendYield, field: Field.dividendYield.name)
        guard timeConvention == Self.secondsToSettlement else {
            throw LedgerValidationError(field: "timeConvention", rule: "must be \(Self.secondsToSettlement) (got \(Echo.quoted(timeConvention))); use a newer alvh")
        }
        try Limits.vixOptionVolatility.check(vixOptionVolatility, field: Field.vixOptionVolatility.name)
        guard Limits.curveDays.contains(vixFuturesCurveDays) else {
            throw LedgerValidationError(field: Field.vixCurveDays.name, rule: "must be 1 … 365 calendar days (got \(vixFuturesCurveDays))")
        }
        try execution.validate()
        _ = try skew.volatilitySkew()
    }

    /// An exact decimal from its text (a float literal would go through binary).
    static func d(_ text: String) -> Decimal { DecimalParser.parse(text)! }

    /// The range of every parameter, and its rule in words.
    public enum Limits {
        public static let rate = Limit(d("-0.10")...d("0.50"), "a fraction between -0.10 and 0.50 (0.04 = 4 %)")
        public static let dividendYield = Limit(d("-0.10")...d("0.50"), "a fraction between -0.10 and 0.50 (0.013 = 1.3 %)")
        public static let vixOptionVolatility = Limit(d("0.01")...5, "a fraction between 0.01 and 5 (0.9 = 90 %)")
        public static let curveDays = 1...365
        public static let slippage = Limit(0...100, "≥ 0 and ≤ 100 index points per leg")
        public static let fee = Limit(0...1000, "≥ 0 and ≤ 1000 dollars per leg and contract")
        public static let vixHalfSpread = Limit(0...100, "≥ 0 and ≤ 100 index points")
        public static let vixFee = Limit(0...1000, "≥ 0 and ≤ 1000 dollars per contract")

        /// `--vix-curve-days` as typed: a whole number of calendar days within `curveDays`.
        static func curveDays(_ text: String, field: String) throws -> Int {
            guard let days = Int(text), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
                throw LedgerValidationError(field: field, rule: "must be a whole number of calendar days (got \(Echo.quoted(text)))")
            }
            guard curveDays.contains(days) else { throw LedgerValidationError(field: field, rule: "must be 1 … 365 calendar days (got \(days))") }
            return days
        }
    }

    /// One decimal parameter's range and rule.
    public struct Limit: Sendable {
        public let range: ClosedRange<Decimal>
        /// The rule in words, after "must be".
        public let rule: String

        init(_ range: ClosedRange<Decimal>, _ rule: String) {
            self.range = range
            self.rule = rule
        }

        /// Throws naming `field` when `value` is outside the range.
        public func check(_ value: Decimal, field: String) throws {
            guard range.contains(value) else {
                throw LedgerValidationError(field: field, rule: "must be \(rule) (got \(DecimalParser.format(value)))")
            }
        }

        /// `text` as a plain decimal within the range; errors name `field`.
        public func parse(_ text: String, field: String) throws -> Decimal {
            guard let value = DecimalParser.parse(text) else {
                throw LedgerValidationError(field: field, rule: "must be a plain decimal number (got \(Echo.quoted(text)))")
            }
            try check(value, field: field)
            return value
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
        typealias L = MarketModelParameters.Limits
        try L.slippage.check(slippagePerLeg, field: Field.slippage.name)
        try L.fee.check(feePerLegContract, field: Field.feePerLeg.name)
        try L.vixHalfSpread.check(vixOptionHalfSpread, field: Field.vixHalfSpread.name)
        try L.vixFee.check(vixOptionFeePerContract, field: Field.vixFee.name)
    }
}
