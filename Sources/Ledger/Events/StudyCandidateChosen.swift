import Foundation

/// A walk-forward study (`alvh study --record`) chose the parameters this portfolio trades with on
/// one test window. Stream `portfolio-<name>`, before the window's trades (recorded by the same
/// backtest as `alvh backtest` with these parameters).
///
/// `parameters` is every setting of the run as `name`/`value` text (the schedule's `dte`, `delta`,
/// `wing`, `contracts`, `entry-weekday`, then the advisor's and the fixed rule's by their
/// `AdvisorParameters` key paths, e.g. `fixedRule.takeProfit`), so the run can be repeated by a build
/// whose defaults differ. `candidate` is what the grid varied (`take-profit=0.5 stop=2`, or
/// `defaults`); `inSampleScore` the objective on the train window (nil: none), rounded to 8 decimals.
public struct StudyCandidateChosen: LedgerEventPayload {
    public static let eventType = "StudyCandidateChosen"

    /// One setting, as text.
    public struct Setting: Codable, Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The portfolio's name, verbatim.
    public var name: String
    /// `alvh` or `fixed`.
    public var policy: String
    public var candidate: String
    public var parameters: [Setting]
    /// The objective's name (`return-on-capital-time`, `sharpe`, `calmar`, `pnl`).
    public var objective: String
    @OptionalDecimalText public var inSampleScore: Decimal?
    /// Candidates of this policy tried on the train window.
    public var candidatesTried: Int
    /// The windows, New York dates, inclusive.
    public var trainFrom: CalendarDate
    public var trainTo: CalendarDate
    public var testFrom: CalendarDate
    public var testTo: CalendarDate

    public init(name: String, policy: String, candidate: String, parameters: [Setting], objective: String, inSampleScore: Decimal?,
                candidatesTried: Int, trainFrom: CalendarDate, trainTo: CalendarDate, testFrom: CalendarDate, testTo: CalendarDate) {
        self.name = name
        self.policy = policy
        self.candidate = candidate
        self.parameters = parameters
        self.objective = objective
        self.inSampleScore = inSampleScore
        self.candidatesTried = candidatesTried
        self.trainFrom = trainFrom
        self.trainTo = trainTo
        self.testFrom = testFrom
        self.testTo = testTo
    }
}

extension StudyCandidateChosen {
    public static let stream = EventStreamKind.portfolio
    public static let example = StudyCandidateChosen(
        name: "oos-alvh-w1", policy: "alvh", candidate: "threatened-delta=0.35 stop=1",
        parameters: [Setting(name: "dte", value: "45"), Setting(name: "threatenedDelta", value: "0.35"), Setting(name: "fixedRule.stop", value: "1")],
        objective: "return-on-capital-time", inSampleScore: Decimal(string: "0.29412345")!, candidatesTried: 4,
        trainFrom: CalendarDate(iso: "2011-01-03")!, trainTo: CalendarDate(iso: "2017-12-29")!,
        testFrom: CalendarDate(iso: "2018-01-02")!, testTo: CalendarDate(iso: "2026-07-08")!)

    public var event: LedgerEvent { .studyCandidateChosen(self) }

    public var summary: String {
        "portfolio \(name) trades \(policy) \(candidate) from \(testFrom) to \(testTo), chosen on \(trainFrom)..\(trainTo) by \(objective) of \(candidatesTried) candidate(s)"
    }

    public init?(fields o: PayloadFields, schemaVersion: Int) {
        guard schemaVersion == Self.schemaVersion, let name = o.string("name"), let policy = o.string("policy"), let candidate = o.string("candidate"),
              let parameters = o.objects("parameters", { p -> Setting? in
                  guard let name = p.string("name"), let value = p.string("value") else { return nil }
                  return Setting(name: name, value: value)
              }),
              let objective = o.string("objective"), let score = o.optionalDecimal("inSampleScore"), let tried = o.int("candidatesTried"),
              let trainFrom = o.date("trainFrom"), let trainTo = o.date("trainTo"), let testFrom = o.date("testFrom"), let testTo = o.date("testTo")
        else { return nil }
        self.init(name: name, policy: policy, candidate: candidate, parameters: parameters, objective: objective, inSampleScore: score,
                  candidatesTried: tried, trainFrom: trainFrom, trainTo: trainTo, testFrom: testFrom, testTo: testTo)
    }
}
