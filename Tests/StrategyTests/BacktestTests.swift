import EventStore
import Finance
import Foundation
import Ledger
import Projections
import TestSupport
import Testing
@testable import Strategy

/// Every event of a database, decoded, in global order.
func allEvents(_ store: EventStore) throws -> [(RecordedEvent, LedgerEvent)] {
    var out: [(RecordedEvent, LedgerEvent)] = []
    var position: Int64 = 0
    while true {
        let page = try store.readAll(after: position, limit: 5000)
        guard let last = page.last else { return out }
        for event in page { out.append((event, try LedgerEvent(recorded: event))) }
        position = last.globalPosition
    }
}

@Suite(.serialized)
struct BacktestTests {
    /// 2015-2019 from ../shared/data: SPX, VIX, VIX3M, VIX9D closes and the CPI/FOMC calendar,
    /// with 60 sessions of warm-up before 2015-01-02.
    static func realHistory() throws -> (days: [MarketDay], calendar: EventCalendar)? {
        guard let spx = SharedData.file("spx_daily.csv"), let vix = SharedData.file("vix_daily.csv"),
              let vix3m = SharedData.file("vix3m_daily.csv"), let vix9d = SharedData.file("vix9d_daily.csv"),
              let macro = SharedData.file("us_macro_events.csv") else { return nil }
        let joined = DailyBarFile.join(spx: try DailyBarFile.closes(contentsOf: spx), vix: try DailyBarFile.closes(contentsOf: vix),
                                       vix3m: try DailyBarFile.closes(contentsOf: vix3m), vix9d: try DailyBarFile.closes(contentsOf: vix9d))
        let from = CalendarDay(year: 2014, month: 9, day: 1)!, to = CalendarDay(year: 2019, month: 12, day: 31)!
        return (joined.filter { $0.date >= from && $0.date <= to }, try EventCalendar(contentsOf: macro))
    }

    @Test func fiveYearsOfRealHistoryWriteACheckableLedger() throws {
        guard let (days, calendar) = try Self.realHistory() else {
            print("SKIPPED fiveYearsOfRealHistoryWriteACheckableLedger: ../shared/data is absent beside the package")
            return
        }
        let from = CalendarDay(year: 2015, month: 1, day: 1)!
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let backtest = Backtest(parameters: BacktestParameters(portfolio: "real-2015-2019", policy: .alvh))
        let result = try backtest.run(days: days, from: from, calendar: calendar, ledger: BacktestLedger(store: store))
        print(result.summaryLines.joined(separator: "\n"))

        // Sessions and scheduled entries counted independently from the files.
        let recorded = days.filter { $0.date >= from }
        #expect(result.sessions == recorded.count)
        #expect(recorded.count > 1250, "five years of sessions")
        let mondays = recorded.filter { $0.date.isoWeekday == 1 }.count
        #expect(result.scheduledEntries == mondays)
        #expect(result.skippedEntries.isEmpty, "\(result.skippedEntries)")
        #expect(result.condorsOpened == mondays, "condors opened = scheduled entries that had data")

        // The ledger says the same.
        let events = try allEvents(store)
        #expect(Int64(events.count) == result.eventsWritten.asInt64 && result.eventsWritten == result.eventsRecorded)
        var opened: [UUID] = []
        var marks = 0, rolled = 0, deferred = 0, layersAdded = 0
        for (_, event) in events {
            switch event {
            case .condorOpened(let e):
                #expect(e.portfolio == "real-2015-2019")
                opened.append(e.condorID)
            case .marketObserved(let e):
                #expect(e.feed == "bt-real-2015-2019")
                marks += 1
            case .condorRolled(let e):
                rolled += 1
                #expect(e.trigger?.fixedRule != nil && e.trigger?.alvh != nil, "a roll records what each rule said")
            case .rollDeferred(let e):
                deferred += 1
                #expect(e.signals?.vix != nil && !e.reason.isEmpty)
            case .hedgeLayerAdded: layersAdded += 1
            default: break
            }
        }
        #expect(opened.count == result.condorsOpened)
        #expect(marks == result.sessions)
        #expect(rolled == result.rolls && deferred == result.deferrals && layersAdded == result.layersAdded)
        #expect(result.rolls + result.deferrals > 0, "2015–2019 had the Aug-2015 and Feb-2018 shocks: the advisor acted")
        #expect(result.layersAdded > 0)

        // Every condor ends closed or expired on or before the last session, or is open at the end.
        let lastDay = try #require(recorded.last).date
        var open = 0
        for id in opened {
            let state = try #require(CondorState.fold(try store.readStream(StreamName.condor(id)).map { try LedgerStreamEvent(recorded: $0) }))
            switch state.status {
            case .open:
                open += 1
                #expect(CalendarDay(iso: state.expiry.description)! > lastDay, "an open condor has not reached its expiry")
            case .closed, .expired:
                #expect(CalendarDay(iso: CalendarDate(newYorkDateOf: state.lastEventAt).description)! <= lastDay)
            }
        }
        #expect(open == result.openAtEnd)
        #expect(result.condorsExpired + result.closedTotal + result.openAtEnd == result.condorsOpened)

        // Re-running the same backtest into the same portfolio records nothing new.
        let head = try store.headPosition()
        let again = try backtest.run(days: days, from: from, calendar: calendar, ledger: BacktestLedger(store: store))
        #expect(again.eventsWritten == 0)
        // Everything again but the PortfolioOpened: the portfolio exists now, so no command re-creates it.
        #expect(again.eventsAlreadyStored == result.eventsRecorded - 1)
        #expect(try store.headPosition() == head)
        #expect(again.condorIDs == result.condorIDs)

        // The review: every roll and deferral is a decision row of its condor, and the projections
        // rebuilt by a replay equal the ones caught up live.
        let projector = Projector(store: store)
        try projector.catchUp()
        let live = try ProjectionSchema.orderedDump(store.connection)
        let report = try DecisionReport.build(store: store, rule: .standard)
        #expect(report.lines.filter { $0.kind == "roll" }.count == result.rolls)
        #expect(report.lines.filter { $0.kind == "defer" }.count == result.deferrals)
        #expect(report.lines.filter { $0.kind == "trade" }.count == result.condorsOpened, "a whole-trade line per condor")
        try projector.replay()
        #expect(try ProjectionSchema.orderedDump(store.connection) == live)
    }

    @Test func fixedPolicyOnlyTakesProfitStopsOrExpires() throws {
        guard let (days, calendar) = try Self.realHistory() else {
            print("SKIPPED fixedPolicyOnlyTakesProfitStopsOrExpires: ../shared/data is absent beside the package")
            return
        }
        let from = CalendarDay(year: 2018, month: 1, day: 1)!
        let oneYear = days.filter { $0.date < CalendarDay(year: 2019, month: 1, day: 1)! }
        let result = try Backtest(parameters: BacktestParameters(portfolio: "fixed-2018", policy: .fixed))
            .run(days: oneYear, from: from, calendar: calendar, ledger: BacktestLedger(store: nil))
        #expect(result.rolls == 0 && result.deferrals == 0 && result.layersAdded == 0)
        #expect(Set(result.condorsClosed.keys).isSubset(of: ["take-profit", "stop"]))
        #expect(result.condorsClosed["stop", default: 0] > 0, "February 2018 stopped some condors out")
        #expect(result.eventsWritten == 0, "no store: nothing written")
    }

    @Test func syntheticBacktestIsDeterministicAndALongerRunExtendsAShorterOne() throws {
        let market = SyntheticMarket(seed: 7)
        let start = CalendarDay(year: 2030, month: 1, day: 1)!
        let all = market.days(start: start, sessions: 60 + 378)
        let calendar = SyntheticMarket.calendar(from: start, to: all.last!.date)
        let from = all[60].date
        let parameters = BacktestParameters(portfolio: "synthetic-7")
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let short = try Backtest(parameters: parameters).run(days: Array(all.prefix(60 + 252)), from: from, calendar: calendar,
                                                              ledger: BacktestLedger(store: store))
        let long = try Backtest(parameters: parameters).run(days: all, from: from, calendar: calendar, ledger: BacktestLedger(store: store))
        // The longer run finds the shorter one's events (less its PortfolioOpened, which it does not
        // re-create) and appends only the sessions after it.
        #expect(long.eventsAlreadyStored == short.eventsRecorded - 1)
        #expect(long.eventsWritten == long.eventsRecorded - long.eventsAlreadyStored)
        #expect(long.eventsWritten > 0)
        #expect(Array(long.condorIDs.prefix(short.condorIDs.count)) == short.condorIDs)
        // The same run in memory gives the same condors (and the PortfolioOpened on top).
        let memory = try Backtest(parameters: parameters).run(days: all, from: from, calendar: calendar, ledger: BacktestLedger(store: nil))
        #expect(memory.eventsRecorded == long.eventsRecorded + 1 && memory.condorIDs == long.condorIDs)
        #expect(Int64(short.eventsWritten + long.eventsWritten) == (try store.headPosition()))
        // Another portfolio in the same database is independent of this one.
        let other = try Backtest(parameters: BacktestParameters(portfolio: "synthetic-7b")).run(days: all, from: from, calendar: calendar,
                                                                                                   ledger: BacktestLedger(store: store))
        #expect(other.eventsWritten == other.eventsRecorded)
        #expect(Set(other.condorIDs).isDisjoint(with: long.condorIDs))
    }
}

/// A backtest in memory keeps each decided event as the typed payload it encoded, not decoded
/// from its JSON: every one must equal its JSON decoded (so the run sees what a store would return).
@Suite struct BacktestTypedEventTests {
    @Test(arguments: [BacktestPolicy.alvh, .fixed])
    func typedEventsAreTheirJSONDecoded(policy: BacktestPolicy) throws {
        let market = SyntheticMarket(seed: 11)
        let start = CalendarDay(year: 2030, month: 1, day: 1)!
        let days = market.days(start: start, sessions: 60 + 756)
        let ledger = BacktestLedger(store: nil)
        _ = try Backtest(parameters: BacktestParameters(portfolio: "typed", policy: policy))
            .run(days: days, from: days[60].date, calendar: SyntheticMarket.calendar(from: start, to: days.last!.date), ledger: ledger)
        let recorded = ledger.memory.recorded
        #expect(recorded.count == ledger.events.count && recorded.count > 1000)
        var differing = 0
        for (stored, kept) in zip(recorded, ledger.events) where try LedgerEvent(recorded: stored) != kept.event || stored.eventID != kept.eventID {
            differing += 1
        }
        #expect(differing == 0)
        let kinds = Set(ledger.events.map(\.event.type))
        #expect(kinds.isSuperset(of: ["MarketObserved", "CondorOpened", "CondorClosed"]))
        if policy == .alvh { #expect(kinds.isSuperset(of: ["HedgeLayerAdded", "RollDeferred"]), "\(kinds)") }
    }
}

extension Int {
    var asInt64: Int64 { Int64(self) }
}
