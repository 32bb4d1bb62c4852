import EventStore
import Finance
import Foundation
import Ledger
import Market
import PostgresClient

/// The advisor's inputs for one recorded condor, read from the ledger as of an instant, and its report.
///
/// The marks come from one market feed (`feed`, else the condor's backtest feed `bt-…` when it
/// exists, else the feed of the latest mark at or before the instant) and are valued with that
/// feed's market model at the last of them; MACD, RSI and realized vol are computed from that
/// feed's marks (one per New York date, the last of the day). Hedge layers are the open layers whose
/// `protects` lists the condor; VIX call layers are valued with the model, other instruments are
/// listed but not valued.
public struct CondorAdvice: Sendable {
    public var condor: CondorState
    public var at: Date
    public var feed: String
    /// The date of the last mark used.
    public var markDate: CalendarDate
    /// The model that valued it.
    public var model: MarketModel
    public var signals: MarketSignals
    public var snapshot: CondorSnapshot
    public var layers: [HedgeLayerSnapshot]
    /// Layers protecting the condor that the advisor cannot value (futures, ETPs), by spec.
    public var unvaluedLayers: [String]
    public var report: AdvisorReport

    /// Reads and advises. Errors name the argument at fault (`CONDOR`, `--at`, `--feed`).
    public static func load(store: EventStore, condorID: UUID, at: Date, feed: String?, calendar: EventCalendar?,
                            parameters: AdvisorParameters = AdvisorParameters()) throws -> CondorAdvice {
        let events = try store.readStream(StreamName.condor(condorID)).map { try LedgerStreamEvent(recorded: $0) }.filter { $0.occurredAt <= at }
        guard let condor = CondorState.fold(events) else {
            throw StrategyError.invalidInput(field: "CONDOR", rule: "no condor \(condorID.lowercasedString) recorded at or before --at")
        }
        guard condor.status == .open else {
            throw StrategyError.invalidInput(field: "CONDOR", rule: "condor \(condorID.lowercasedString) is \(condor.status.rawValue); advice is for open condors")
        }
        let feedName = try feed ?? defaultFeed(store: store, portfolio: condor.portfolio, at: at)
        let market = try FeedHistory.load(store: store, feed: feedName, at: at)
        guard let last = market.marks.last else {
            throw StrategyError.invalidInput(field: "--feed", rule: "feed '\(feedName)' has no mark at or before --at (record one with alvh mark)")
        }
        let signals = SignalHistory(days: market.days, calendar: calendar).signals(at: market.days.count - 1)
        let lastDeferral = events.last { if case .rollDeferred = $0.event { true } else { false } }
        guard let snapshot = CondorSnapshot(strikes: condor.strikes, underlying: condor.underlying, contracts: condor.contracts,
                                            credit: condor.cumulativeCredit, at: last, stopMultiple: parameters.fixedRule.stopMultiple,
                                            rolls: condor.rolls.count, sessionsSinceDeferral: lastDeferral.map { market.sessions(since: $0.occurredAt) }) else {
            throw StrategyError.invalidInput(field: "--at", rule: "condor \(condorID.lowercasedString) expires \(condor.expiry), not after the last mark (\(last.date))")
        }
        let (layers, unvalued) = try heldLayers(store: store, condorID: condorID, at: at, last: last, market: market)
        let report = ALVHAdvisor(parameters: parameters).advise(condor: snapshot, layers: layers, signals: signals, at: last)
        return CondorAdvice(condor: condor, at: at, feed: feedName, markDate: last.date, model: last.model, signals: signals, snapshot: snapshot,
                            layers: layers, unvaluedLayers: unvalued, report: report)
    }

    /// The open layers protecting the condor at `at`: VIX calls as the advisor sees them, and the
    /// specs of the others.
    static func heldLayers(store: EventStore, condorID: UUID, at: Date, last: MarketMark, market: FeedHistory) throws
        -> (valued: [HedgeLayerSnapshot], unvalued: [String]) {
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
            var vixAtAdd = last.levels.vix
            var ratioAtAdd: Double?
            if case .hedgeLayerAdded(let added)? = layerEvents.first(where: { if case .hedgeLayerAdded = $0.event { true } else { false } })?.event,
               let vix = added.signals?.vix {
                vixAtAdd = double(vix)
                ratioAtAdd = added.signals?.vix3m.map { double(vix) / double($0) }
            }
            layers.append(HedgeLayerSnapshot(id: layer.layerID.lowercasedString, quantity: layer.quantity, strike: double(strike), expiry: optionExpiry,
                                             daysToExpiry: MarketCalendar.daysToExpiry(optionExpiry, from: last.date), vixAtAdd: vixAtAdd,
                                             termRatioAtAdd: ratioAtAdd, sessionsHeld: market.sessions(since: layer.openedAt)))
        }
        return (layers, unvalued)
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

/// One feed's marks up to an instant, each with its model, and one close per New York date for the
/// signals.
struct FeedHistory {
    /// The marks that count, in market order, with the feed's model at each.
    var marks: [MarketMark]
    /// The last mark of each New York date, ascending.
    var days: [MarketDay]

    static func load(store: EventStore, feed: String, at: Date) throws -> FeedHistory {
        let effective = EffectiveStream(try store.readStream(StreamName.market(feed)).map { try LedgerStreamEvent(recorded: $0) })
            .effective.filter { $0.occurredAt <= at }
        let models = MarketModels(try MarketModels.recorded(in: effective))
        var marks: [MarketMark] = []
        for item in effective {
            guard case .marketObserved(let observed) = item.event else { continue }
            marks.append(MarketMark(eventID: item.eventID, position: item.version, at: item.occurredAt, observed: observed,
                                    model: models.model(feed: feed, at: item.occurredAt)))
        }
        marks.sort(by: MarketMark.isBefore)
        var byDate: [CalendarDay: MarketDay] = [:]
        for mark in marks {
            let date = mark.date.calendarDay
            byDate[date] = MarketDay(date: date, spx: mark.spxLevel, vix: mark.levels.vix, vix3m: mark.levels.vix3m, vix9d: mark.levels.vix9d)
        }
        return FeedHistory(marks: marks, days: byDate.values.sorted { $0.date < $1.date })
    }

    /// Sessions (marked dates) after the New York date of `instant`.
    func sessions(since instant: Date) -> Int {
        let date = CalendarDate(newYorkDateOf: instant).calendarDay
        return days.filter { $0.date > date }.count
    }
}
