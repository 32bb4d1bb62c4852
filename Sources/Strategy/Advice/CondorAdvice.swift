import EventStore
import Finance
import Foundation
import Ledger
import PostgresClient

/// The advisor's inputs for one recorded condor, read from the ledger as of an instant, and its report.
///
/// The marks come from one market feed (`feed`, else the condor's backtest feed `bt-…` when it
/// exists, else the feed of the latest mark at or before the instant); MACD, RSI and realized vol
/// are computed from that feed's marks (one per New York date, the last of the day). Hedge layers
/// are the open layers whose `protects` lists the condor; VIX call layers are valued with the
/// advisor's hedge model, other instruments are listed but not valued.
public struct CondorAdvice: Sendable {
    public var condor: CondorState
    public var at: Date
    public var feed: String
    /// The date of the last mark used.
    public var markDate: CalendarDay
    public var signals: MarketSignals
    public var snapshot: CondorSnapshot
    public var layers: [HedgeLayerSnapshot]
    /// Layers protecting the condor that the advisor cannot value (futures, ETPs), by spec.
    public var unvaluedLayers: [String]
    public var report: AdvisorReport

    /// Reads and advises. Errors name the argument at fault (`CONDOR`, `--at`, `--feed`).
    public static func load(store: EventStore, condorID: UUID, at: Date, feed: String?, calendar: EventCalendar?,
                            parameters: AdvisorParameters = AdvisorParameters(), pricer: CondorPricer = CondorPricer()) throws -> CondorAdvice {
        let events = try store.readStream(StreamName.condor(condorID)).map { try LedgerStreamEvent(recorded: $0) }.filter { $0.occurredAt <= at }
        guard let condor = CondorState.fold(events) else {
            throw StrategyError.invalidInput(field: "CONDOR", rule: "no condor \(condorID.lowercasedString) recorded at or before --at")
        }
        guard condor.status == .open else {
            throw StrategyError.invalidInput(field: "CONDOR", rule: "condor \(condorID.lowercasedString) is \(condor.status.rawValue); advice is for open condors")
        }
        let feedName = try feed ?? defaultFeed(store: store, portfolio: condor.portfolio, at: at)
        let marks = EffectiveStream(try store.readStream(StreamName.market(feedName)).map { try LedgerStreamEvent(recorded: $0) })
            .effective.filter { $0.occurredAt <= at }
        var byDate: [CalendarDay: MarketDay] = [:]
        for item in marks {
            guard case .marketObserved(let m) = item.event else { continue }
            let date = CalendarDay(iso: CalendarDate(newYorkDateOf: item.occurredAt).description)!
            byDate[date] = MarketDay(date: date, spx: double(m.spx), vix: double(m.vix), vix3m: m.vix3m.map(double), vix9d: m.vix9d.map(double))
        }
        let days = byDate.values.sorted { $0.date < $1.date }
        guard let last = days.last else {
            throw StrategyError.invalidInput(field: "--feed", rule: "feed '\(feedName)' has no mark at or before --at (record one with alvh mark)")
        }
        let signals = SignalHistory(days: days, calendar: calendar).signals(at: days.count - 1)
        func sessions(since instant: Date) -> Int {
            let date = CalendarDay(iso: CalendarDate(newYorkDateOf: instant).description)!
            return days.filter { $0.date > date }.count
        }
        let lastDeferral = events.last { if case .rollDeferred = $0.event { true } else { false } }
        let s = condor.strikes
        guard let longPut = s.longPut, let shortPut = s.shortPut, let shortCall = s.shortCall, let longCall = s.longCall else {
            throw StrategyError.invalidInput(field: "CONDOR", rule: "condor \(condorID.lowercasedString) is a \(s.structureName); advice needs both sides")
        }
        let expiry = CalendarDay(iso: s.expiry.description)!
        let snapshot = try pricer.snapshot(
            longPut: double(longPut), shortPut: double(shortPut), shortCall: double(shortCall), longCall: double(longCall),
            contracts: condor.contracts, credit: double(condor.cumulativeCredit), spot: last.spx, vix: last.vix,
            days: expiry.daysSinceEpoch - last.date.daysSinceEpoch, stopMultiple: parameters.fixedRule.stopMultiple, rolls: condor.rolls.count,
            sessionsSinceDeferral: lastDeferral.map { sessions(since: $0.occurredAt) })

        var layers: [HedgeLayerSnapshot] = []
        var unvalued: [String] = []
        let rows = try store.connection.query(
            "SELECT DISTINCT stream_id FROM events WHERE type = 'HedgeLayerAdded' AND occurred_at <= $1 AND (data->'protects') ? $2 ORDER BY stream_id",
            [at, condorID.lowercasedString])
        for row in rows.rows {
            let stream: String = try row.decode(String.self, 0)
            let layerEvents = try store.readStream(stream).map { try LedgerStreamEvent(recorded: $0) }.filter { $0.occurredAt <= at }
            guard let layer = HedgeLayerState.fold(layerEvents), layer.status == .open else { continue }
            guard case let .vixOption(optionExpiry, right, strike)? = layer.instrument, right == .call else {
                unvalued.append(layer.legs.spec)
                continue
            }
            var vixAtAdd = last.vix
            var ratioAtAdd: Double?
            if case .hedgeLayerAdded(let added)? = layerEvents.first(where: { if case .hedgeLayerAdded = $0.event { true } else { false } })?.event,
               let vix = added.signals?.vix {
                vixAtAdd = double(vix)
                ratioAtAdd = added.signals?.vix3m.map { double(vix) / double($0) }
            }
            let optionDay = CalendarDay(iso: optionExpiry.description)!
            layers.append(HedgeLayerSnapshot(id: layer.layerID.lowercasedString, quantity: layer.quantity, strike: double(strike),
                                             daysToExpiry: optionDay.daysSinceEpoch - last.date.daysSinceEpoch, vixAtAdd: vixAtAdd,
                                             termRatioAtAdd: ratioAtAdd, sessionsHeld: sessions(since: layer.openedAt)))
        }
        let report = ALVHAdvisor(parameters: parameters).advise(condor: snapshot, layers: layers, signals: signals)
        return CondorAdvice(condor: condor, at: at, feed: feedName, markDate: last.date, signals: signals, snapshot: snapshot,
                            layers: layers, unvaluedLayers: unvalued, report: report)
    }

    /// `bt-<portfolio>` when that feed exists, else the feed of the latest mark at or before `at`, else `spx`.
    static func defaultFeed(store: EventStore, portfolio: String, at: Date) throws -> String {
        let backtest = MarketFeed.backtest(portfolio: portfolio)
        if try store.streamVersion(StreamName.market(backtest)) > 0 { return backtest }
        let rows = try store.connection.query(
            "SELECT stream_id FROM events WHERE type = 'MarketObserved' AND occurred_at <= $1 ORDER BY occurred_at DESC, global_position DESC LIMIT 1", [at])
        guard rows.rowCount == 1 else { return StreamName.defaultMarketFeed }
        return String(try rows.scalar(String.self).dropFirst("market-".count))
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
