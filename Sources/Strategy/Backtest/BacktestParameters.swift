import Ledger
import Finance

/// Which rule manages the condors in a backtest.
public enum BacktestPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The ALVH advisor (`ALVHAdvisor`): rolls, deferrals with hedge layers, proactive layers, reductions.
    case alvh
    /// The fixed risk:reward rule only: take profit, stop, optional time exit; no hedges.
    case fixed
}

/// How a backtest trades: the entry schedule, the market model and the rules.
///
/// Every `entryWeekday` (ISO: 1 Monday … 5 Friday) with data, one condor of `contracts` SPXW is sold:
/// expiry the first SPX expiry on or after `entryDaysToExpiry` calendar days
/// (`MarketCalendar.spxExpiry`), short strikes at `shortDelta` (absolute delta, skewed vol), wings
/// `wingWidth` points wide. Every price, fill and fee is the market model's (`model`, recorded as
/// the first event of the backtest's feed): fills at the model's mid ∓ its slippage per leg, its fees
/// per leg and contract. The fixed policy follows `advisor.fixedRule` (take profit, stop, time exit,
/// close or roll at the stop) through `FixedRuleEngine`, as `alvh decisions` does.
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
    /// The market model the backtest records on its feed and trades with.
    public var model: MarketModelParameters
    public var advisor: AdvisorParameters

    public init(portfolio: String, policy: BacktestPolicy = .alvh, entryDaysToExpiry: Int = 45, shortDelta: Double = 0.16,
                wingWidth: Double = 50, contracts: Int = 1, entryWeekday: Int = 1, feed: String? = nil, warmupSessions: Int = 60,
                sessionsPerBatch: Int = 21, model: MarketModelParameters = .standard, advisor: AdvisorParameters = AdvisorParameters()) {
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
        self.model = model
        self.advisor = advisor
    }

    /// Checks the schedule; errors name the option.
    public func validate() throws {
        guard (1...5).contains(entryWeekday) else { throw StrategyError.invalidInput(field: "--entry-weekday", rule: "must be 1 (Monday) … 5 (Friday) (got \(entryWeekday))") }
        guard (1...400).contains(entryDaysToExpiry) else { throw StrategyError.invalidInput(field: "--dte", rule: "must be 1 … 400 calendar days (got \(entryDaysToExpiry))") }
        guard shortDelta > 0.01, shortDelta < 0.5 else { throw StrategyError.invalidInput(field: "--delta", rule: "must be between 0.01 and 0.5 (got \(shortDelta))") }
        guard wingWidth >= 5, wingWidth <= 1000 else { throw StrategyError.invalidInput(field: "--wing", rule: "must be 5 … 1000 points (got \(wingWidth))") }
        guard (1...10_000).contains(contracts) else { throw StrategyError.invalidInput(field: "--contracts", rule: "must be 1 … 10000 (got \(contracts))") }
        guard sessionsPerBatch >= 1 else { throw StrategyError.invalidInput(field: "sessionsPerBatch", rule: "must be ≥ 1") }
        do { try model.validate() } catch let error as LedgerValidationError {
            throw StrategyError.invalidInput(field: error.field, rule: error.rule)
        }
    }
}
