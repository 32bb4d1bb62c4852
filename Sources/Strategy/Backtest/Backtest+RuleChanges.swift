import Finance
import Market
import Foundation

/// A change of rules in a running backtest: from the first session on or after `from`, the
/// advisor's and the fixed rule's parameters are `advisor`; the entry schedule, the market model,
/// the portfolio and every open condor and hedge layer carry on.
public struct RuleChange: Sendable, Hashable {
    public var from: CalendarDay
    public var advisor: AdvisorParameters

    public init(from: CalendarDay, advisor: AdvisorParameters) {
        self.from = from
        self.advisor = advisor
    }
}

extension Backtest {
    /// Runs like `run(days:from:calendar:ledger:)` from `changes[0].from` to the last of `days` (the
    /// sessions before only warm the signals up), trading under `changes[0].advisor` first and
    /// switching to each later change's rules at its first session, positions carried on: one
    /// account whose rules change over time (a study's stitched out-of-sample run).
    /// `willChange(i)` is called just before the session where change `i` takes effect runs.
    /// `changes` must be non-empty with ascending `from`.
    public func run(days: [MarketDay], changes: [RuleChange], calendar: EventCalendar?, ledger: BacktestLedger,
                    willChange: (Int) throws -> Void = { _ in }) throws -> BacktestResult {
        guard let first = changes.first, zip(changes, changes.dropFirst()).allSatisfy({ $0.from < $1.from }) else {
            throw StrategyError.invalidInput(field: "rule changes", rule: "must be at least one, in ascending order of date")
        }
        var backtest = self
        backtest.parameters.advisor = first.advisor
        try backtest.parameters.validate()
        let days = Self.sessions(days)
        let firstRecorded = days.firstIndex { $0.date >= first.from } ?? days.count
        var session = try BacktestSession(backtest: backtest, days: days, calendar: calendar, ledger: ledger)
        var next = 0
        return try backtest.record(&session, from: firstRecorded, ledger: ledger) { index in
            var rules: AdvisorParameters?
            while next < changes.count, changes[next].from <= days[index].date {
                try willChange(next)
                rules = changes[next].advisor
                next += 1
            }
            return rules
        }
    }
}

extension BacktestSession {
    /// From now on, `advisor`'s rules: the ALVH advisor's and the fixed rule's parameters.
    mutating func follow(_ advisor: AdvisorParameters) {
        p.advisor = advisor
        self.advisor = ALVHAdvisor(parameters: advisor)
        engine = FixedRuleEngine(rule: advisor.fixedRule)
    }
}
