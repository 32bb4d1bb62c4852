import EventStore
import Finance
import Foundation
import Ledger
import Strategy

/// Writes a study's stitched out-of-sample accounts into the ledger (`alvh study --record NAME`):
/// per policy one portfolio `NAME-<policy>` on its own feed, the account the study measured
/// (`StudyStitching`): before each test window's first session the candidate chosen for it
/// (`StudyCandidateChosen`, on the portfolio's stream, at that session's close), then that window's
/// sessions under its rules, open positions carried on. `alvh stats`, `alvh decisions` and the
/// report read the account exactly as the study figured it. Re-running the same study records
/// nothing new (ids are derived from the portfolio, the window and the session).
public struct StudyRecording {
    public var plan: StudyPlan
    public var result: StudyResult
    public var name: String
    public var toolVersion: String

    public init(plan: StudyPlan, result: StudyResult, name: String, toolVersion: String) {
        self.plan = plan
        self.result = result
        self.name = name
        self.toolVersion = toolVersion
    }

    /// The portfolio of `policy`'s stitched account.
    public func portfolio(policy: BacktestPolicy) -> String { "\(name)-\(policy.rawValue)" }

    /// Every portfolio written, policies in the study's order.
    public var portfolios: [String] { result.stitched.map { portfolio(policy: $0.policy) } }

    /// Writes every policy's account; returns each portfolio with its backtest's result.
    public func write(to store: EventStore) throws -> [(portfolio: String, result: BacktestResult)] {
        try plan.candidates.indices.map { p in
            let chosen = result.windows.map { plan.candidates[p][$0.policies[p].chosen.index] }
            let stitching = StudyStitching(windows: plan.windows, chosen: chosen)
            // The account the study measured, renamed: its own portfolio and that portfolio's feed.
            var parameters = stitching.parameters
            parameters.portfolio = portfolio(policy: chosen[0].policy)
            parameters.feed = MarketFeed.backtest(portfolio: parameters.portfolio)
            let ledger = BacktestLedger(store: store)
            let run = try Backtest(parameters: parameters, toolVersion: toolVersion)
                .run(days: plan.backtest.slice(stitching.span), changes: stitching.changes, calendar: plan.backtest.calendar, ledger: ledger) { w in
                    var window = parameters
                    window.advisor = stitching.changes[w].advisor
                    try ledger.record(.recordStudyChoice(try choice(chosen[w], parameters: window, window: result.windows[w], policy: result.windows[w].policies[p])),
                                      context: CommandContext(commandID: EventIdentity.commandID(content: "study|\(parameters.portfolio)|choice|w\(w + 1)"),
                                                              actor: "alvh-study", toolVersion: toolVersion, now: at(result.windows[w].window.test.from)))
                }
            return (parameters.portfolio, run)
        }
    }

    /// The choice takes effect at the close of the test window's first session.
    func at(_ day: CalendarDay) -> Date {
        Backtest.closeInstant(plan.backtest.days.first { $0.date >= day }?.date ?? day)
    }

    func choice(_ candidate: StudyCandidate, parameters: BacktestParameters, window: WindowResult, policy: PolicyWindowResult) throws -> RecordStudyChoice {
        let score = policy.chosen.score.flatMap { $0.isFinite ? try? Money.rounded($0, scale: 8) : nil }
        let chosen = StudyCandidateChosen(
            name: parameters.portfolio, policy: candidate.policy.rawValue, candidate: candidate.label, parameters: try StudySettings.all(parameters),
            objective: result.objective.rawValue, inSampleScore: score, candidatesTried: policy.candidatesTried,
            trainFrom: CalendarDate(window.window.train.from), trainTo: CalendarDate(window.window.train.to),
            testFrom: CalendarDate(window.window.test.from), testTo: CalendarDate(window.window.test.to))
        let command = RecordStudyChoice(choice: chosen, at: at(window.window.test.from))
        try command.validate()
        return command
    }
}

/// A backtest's parameters as `name`/`value` text: the schedule, then every advisor and fixed-rule
/// parameter by its `AdvisorParameters` key path (`none` for an absent value).
enum StudySettings {
    static func all(_ p: BacktestParameters) throws -> [StudyCandidateChosen.Setting] {
        var settings = [("dte", "\(p.entryDaysToExpiry)"), ("delta", "\(p.shortDelta)"), ("wing", "\(p.wingWidth)"),
                        ("contracts", "\(p.contracts)"), ("entry-weekday", "\(p.entryWeekday)")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(p.advisor))
        flatten(object, path: "", into: &settings)
        return settings.map { StudyCandidateChosen.Setting(name: $0.0, value: $0.1) }
    }

    static func flatten(_ value: Any, path: String, into settings: inout [(String, String)]) {
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() { flatten(object[key]!, path: path.isEmpty ? key : "\(path).\(key)", into: &settings) }
        } else if let array = value as? [Any] {
            for (index, item) in array.enumerated() { flatten(item, path: "\(path).\(index)", into: &settings) }
        } else if value is NSNull {
            settings.append((path, "none"))
        } else {
            settings.append((path, "\(value)"))
        }
    }
}
