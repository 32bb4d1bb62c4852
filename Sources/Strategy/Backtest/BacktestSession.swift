import EventStore
import Finance
import Foundation
import Ledger
import Market

/// A condor the backtest holds: how the fixed rule sees it (`position`: strikes, the current
/// structure's credit, its own fees, its tenor, the fixed rule's rolls) and what the ALVH advisor
/// reads besides (the cumulative credit, its rolls, the last deferral).
struct BacktestCondor {
    var id: UUID
    var position: FixedRulePosition
    /// Cumulative net credit per unit (opening credit plus every roll's net credit).
    var cumulativeCredit: Decimal
    var rolls = 0
    var lastDeferral: Int?

    var strikes: IronCondorLegs { position.strikes }
    var contracts: Int { position.contracts }
}

/// A hedge layer the backtest holds: `quantity` VIX calls.
struct BacktestLayer {
    var id: UUID
    var strike: Double
    var expiry: CalendarDate
    var quantity: Int
    var vixAtAdd: Double
    var ratioAtAdd: Double?
    var addedSession: Int
    var protects: [UUID]
}

/// One session as the phases see it: the day, its close, its signals and its recorded mark.
struct SessionDay {
    var index: Int
    var day: MarketDay
    var date: CalendarDate
    var at: Date
    var signals: MarketSignals
    var decisionSignals: DecisionSignals
    var mark: MarketMark
}

/// The state of a running backtest and its per-session phases (`run(_:)`).
struct BacktestSession {
    var p: BacktestParameters
    let actor: String
    let toolVersion: String
    let days: [MarketDay]
    let history: SignalHistory
    var advisor: ALVHAdvisor
    var engine: FixedRuleEngine
    let ledger: BacktestLedger
    /// The recorded model (its event id once recorded on the feed).
    var model: MarketModel
    var condors: [BacktestCondor] = []
    var layers: [BacktestLayer] = []
    var result: BacktestResult

    init(backtest: Backtest, days: [MarketDay], calendar: EventCalendar?, ledger: BacktestLedger) throws {
        p = backtest.parameters
        actor = backtest.actor
        toolVersion = backtest.toolVersion
        self.days = days
        history = SignalHistory(days: days, calendar: calendar)
        advisor = ALVHAdvisor(parameters: p.advisor)
        engine = FixedRuleEngine(rule: p.advisor.fixedRule)
        self.ledger = ledger
        model = try MarketModel(parameters: p.model)
        result = BacktestResult(portfolio: p.portfolio, policy: p.policy.rawValue, feed: p.feed)
    }

    /// One session, phase by phase.
    mutating func run(_ index: Int) throws {
        let day = days[index]
        let date = CalendarDate(day.date)
        let at = MarketCalendar.closeInstant(date)
        if result.sessions == 0 { try recordModel(at: at, date: date) }
        result.sessions += 1
        result.firstSession = result.firstSession ?? day.date.description
        result.lastSession = day.date.description
        let signals = history.signals(at: index)
        let mark = try recordMark(day, at: at, date: date)
        let today = SessionDay(index: index, day: day, date: date, at: at, signals: signals, decisionSignals: Backtest.decisionSignals(signals), mark: mark)
        try settleExpiries(today)
        var requests = LayerRequests()
        try manageCondors(today, requests: &requests)
        try addProactiveLayer(today, requests: requests)
        try manageLayers(today, requests: requests)
        try enter(today)
    }

    func finish() -> BacktestResult {
        var result = self.result
        result.openAtEnd = condors.count
        result.eventsRecorded = ledger.eventsRecorded
        result.eventsWritten = ledger.eventsWritten
        result.eventsAlreadyStored = ledger.eventsAlreadyStored
        return result
    }

    /// The command context of `action` on `subject` in the session of `date`: its id is derived
    /// from the portfolio, the date, the action and the subject.
    func context(_ date: CalendarDate, _ at: Date, _ action: String, _ subject: String = "") -> CommandContext {
        CommandContext(commandID: EventIdentity.commandID(content: "backtest|\(p.portfolio)|\(date)|\(action)|\(subject)"),
                       actor: actor, toolVersion: toolVersion, now: at)
    }

    // MARK: phases

    /// The backtest's market model, the first event of its feed, effective from the first session.
    mutating func recordModel(at: Date, date: CalendarDate) throws {
        let decision = try ledger.record(.setMarketModel(SetMarketModel(feed: p.feed, at: at, model: p.model, note: "alvh backtest")),
                                         context: context(date, at, "model"))
        model = try MarketModel(parameters: p.model, eventID: decision.eventIDs.first, feed: p.feed, effectiveFrom: at)
    }

    /// The session's `MarketObserved` (closes rounded to cents; the `--vx` futures curve, if any), and the mark every price of the
    /// session comes from: the same decimals, with the recorded model.
    func recordMark(_ day: MarketDay, at: Date, date: CalendarDate) throws -> MarketMark {
        let observed = MarketObserved(feed: p.feed, spx: try Money.cents(day.spx), vix: try Money.cents(day.vix),
                                      vix9d: try day.vix9d.map { try Money.cents($0) }, vix3m: try day.vix3m.map { try Money.cents($0) },
                                      futures: try day.futuresQuotes())
        let decision = try ledger.record(.recordMarket(RecordMarket(feed: p.feed, at: at, spx: observed.spx, vix: observed.vix, vix9d: observed.vix9d,
                                                                    vix3m: observed.vix3m, futures: observed.futures)), context: context(date, at, "mark"))
        return MarketMark(eventID: decision.eventIDs[0], position: 0, at: at, observed: observed, model: model)
    }

    /// Condors whose expiry has come settle at the close of the last session on or before their
    /// expiry date (`settlementDay`).
    mutating func settleExpiries(_ today: SessionDay) throws {
        var open: [BacktestCondor] = []
        for condor in condors {
            guard condor.strikes.expiry <= today.date else { open.append(condor); continue }
            let level = try Money.cents(settlementDay(condor.strikes.expiry, session: today.index).spx)
            try ledger.record(.expireCondor(ExpireCondor(condorID: condor.id, settlement: level)),
                              context: context(today.date, today.at, "expire", condor.id.lowercasedString))
            result.condorsExpired += 1
        }
        condors = open
    }

    /// The session whose close settles `expiry`: the last one on or before the expiry date (the
    /// settlement instant's session; the one before when the expiry date had none).
    func settlementDay(_ expiry: CalendarDate, session index: Int) -> MarketDay {
        days[...index].last { CalendarDate($0.date) <= expiry } ?? days[index]
    }

    /// Each open condor under the policy.
    mutating func manageCondors(_ today: SessionDay, requests: inout LayerRequests) throws {
        var kept: [BacktestCondor] = []
        for condor in condors {
            let still: BacktestCondor?
            switch p.policy {
            case .fixed: still = try manageFixed(condor, today)
            case .alvh: still = try manageALVH(condor, today, requests: &requests)
            }
            if let still { kept.append(still) }
        }
        condors = kept
    }

    /// The scheduled entry: on the entry weekday, a fresh condor (`CondorEntry`).
    mutating func enter(_ today: SessionDay) throws {
        guard today.day.date.isoWeekday == p.entryWeekday else { return }
        result.scheduledEntries += 1
        do {
            let condor = try open(today)
            condors.append(condor)
            result.condorsOpened += 1
            result.condorIDs.append(condor.id.lowercasedString)
        } catch let error as StrategyError {
            result.skippedEntries.append("\(today.day.date): \(error)")
        }
    }
}
