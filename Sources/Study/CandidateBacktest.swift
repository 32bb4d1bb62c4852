import Finance
import Foundation
import Projections
import Strategy

/// One candidate over one span: a full `Backtest` through the ledger's commands against an
/// in-memory ledger (nothing written), the sessions before the span warming the signals up.
public struct CandidateBacktest: Sendable {
    /// Sessions of history before a span's first session fed to the signals.
    public static let warmupSessions = 60

    public var days: [MarketDay]
    public var calendar: EventCalendar?

    public init(days: [MarketDay], calendar: EventCalendar?) {
        self.days = days
        self.calendar = calendar
    }

    /// Runs `parameters` over `span` and measures the events it recorded: the recorded path of
    /// the portfolio's performance series, as `alvh stats` computes it from the same events.
    public func run(_ parameters: BacktestParameters, over span: DateSpan) throws -> StudyFigures {
        let ledger = BacktestLedger(store: nil)
        _ = try Backtest(parameters: parameters).run(days: try slice(span), from: span.from, calendar: calendar, ledger: ledger)
        return StudyFigures(try PerformanceSeries.recorded(events: ledger.events, portfolio: parameters.portfolio))
    }

    /// Runs one account over `span` whose rules change at each of `changes` (`Backtest.run(days:changes:…)`,
    /// open positions carried on; `parameters` give the schedule and the model) and measures it like `run`.
    public func run(_ parameters: BacktestParameters, changes: [RuleChange], over span: DateSpan) throws -> StudyFigures {
        let ledger = BacktestLedger(store: nil)
        _ = try Backtest(parameters: parameters).run(days: try slice(span), changes: changes, calendar: calendar, ledger: ledger)
        return StudyFigures(try PerformanceSeries.recorded(events: ledger.events, portfolio: parameters.portfolio))
    }

    /// The sessions of `span` with the `warmupSessions` before it.
    public func slice(_ span: DateSpan) throws -> [MarketDay] {
        guard let first = days.firstIndex(where: { $0.date >= span.from }), days[first].date <= span.to else {
            throw StrategyError.invalidInput(field: "window \(span)", rule: "has no session with both SPX and VIX")
        }
        let end = days.lastIndex { $0.date <= span.to }!
        return Array(days[max(0, first - Self.warmupSessions)...end])
    }
}
