import Ledger
import Finance

/// Which rule manages the condors in a backtest.
public enum BacktestPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The ALVH advisor (`ALVHAdvisor`): rolls, deferrals with hedge layers, proactive layers, reductions.
    case alvh
    /// The fixed risk:reward rule only: take profit, stop, optional time exit; no hedges.
    case fixed
}

/// How a backtest trades: the entry schedule, pricing and costs.
///
/// Every `entryWeekday` (ISO: 1 Monday … 5 Friday) with data, one condor of `contracts` SPXW is sold:
/// expiry the first Friday on or after `entryDaysToExpiry` calendar days, short strikes at
/// `shortDelta` (absolute delta, skewed vol), wings `wingWidth` points wide. Fills: the model mid
/// less (selling) or plus (buying) the advisor's `slippagePerLeg` on each leg, rounded to cents;
/// fees the advisor's `feePerLegContract` per leg and contract.
public struct BacktestParameters: Sendable, Hashable {
    public var portfolio: String
    public var policy: BacktestPolicy
    public var entryDaysToExpiry: Int
    public var shortDelta: Double
    public var wingWidth: Double
    public var contracts: Int
    public var entryWeekday: Int
    /// The market feed the backtest records its `MarketObserved` events on (its own stream).
    public var feed: String
    /// Sessions of history before the first recorded one used to warm up MACD, RSI and realized vol.
    public var warmupSessions: Int
    /// Sessions per append (many events per commit).
    public var sessionsPerBatch: Int
    public var pricer: CondorPricer
    public var advisor: AdvisorParameters
    /// With the fixed policy: roll (out, fresh strikes) instead of closing at the stop.
    public var fixedRollsAtStop: Bool

    public init(portfolio: String, policy: BacktestPolicy = .alvh, entryDaysToExpiry: Int = 45, shortDelta: Double = 0.16,
                wingWidth: Double = 50, contracts: Int = 1, entryWeekday: Int = 1, feed: String? = nil, warmupSessions: Int = 60,
                sessionsPerBatch: Int = 21, pricer: CondorPricer = CondorPricer(), advisor: AdvisorParameters = AdvisorParameters(),
                fixedRollsAtStop: Bool = false) {
        self.portfolio = portfolio
        self.policy = policy
        self.entryDaysToExpiry = entryDaysToExpiry
        self.shortDelta = shortDelta
        self.wingWidth = wingWidth
        self.contracts = contracts
        self.entryWeekday = entryWeekday
        self.feed = feed ?? MarketFeed.backtest(portfolio: portfolio)
        self.warmupSessions = warmupSessions
        self.sessionsPerBatch = sessionsPerBatch
        self.pricer = pricer
        self.advisor = advisor
        self.fixedRollsAtStop = fixedRollsAtStop
    }

    /// Checks the schedule; errors name the option.
    public func validate() throws {
        guard (1...5).contains(entryWeekday) else { throw StrategyError.invalidInput(field: "--entry-weekday", rule: "must be 1 (Monday) … 5 (Friday) (got \(entryWeekday))") }
        guard (1...400).contains(entryDaysToExpiry) else { throw StrategyError.invalidInput(field: "--dte", rule: "must be 1 … 400 calendar days (got \(entryDaysToExpiry))") }
        guard shortDelta > 0.01, shortDelta < 0.5 else { throw StrategyError.invalidInput(field: "--delta", rule: "must be between 0.01 and 0.5 (got \(shortDelta))") }
        guard wingWidth >= 5, wingWidth <= 1000 else { throw StrategyError.invalidInput(field: "--wing", rule: "must be 5 … 1000 points (got \(wingWidth))") }
        guard (1...10_000).contains(contracts) else { throw StrategyError.invalidInput(field: "--contracts", rule: "must be 1 … 10000 (got \(contracts))") }
        guard sessionsPerBatch >= 1 else { throw StrategyError.invalidInput(field: "sessionsPerBatch", rule: "must be ≥ 1") }
    }
}
