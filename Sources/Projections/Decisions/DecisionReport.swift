import EventStore
import Finance
import Foundation
import Ledger

/// One line of `alvh decisions`: a decision (or a condor's whole trade) with the ALVH path's P&L,
/// the fixed rule's, and the edge (ALVH − fixed), in dollars.
public struct DecisionLine: Sendable, Hashable {
    public var condorID: UUID
    /// The decision's instant; nil for the whole-trade line.
    public var decidedAt: Date?
    /// roll, defer, close, layer-add, layer-reduce, layer-close, or `trade` for the whole-trade line.
    public var kind: String
    public var alvhChoice: String
    /// What the fixed rule would do in the same state (at the decision's mark), or `open…` for the
    /// whole trade.
    public var fixedChoice: String
    /// How and when the fixed path ended: `stop 2026-01-12`, `expiry 2026-03-20`, `open …`.
    public var fixedExit: String
    public var alvhPnL: Decimal?
    public var fixedPnL: Decimal?
    public var edge: Decimal?
    /// quotes, model, mixed, or fills (only recorded fills and settlements were needed).
    public var alvhValuation: String
    public var fixedValuation: String
    /// Why figures are missing, when they are.
    public var note: String?
}

/// The per-decision counterfactual (docs/design.md, "Decisions"), computed at query time from the stored
/// facts so that the fixed rule's parameters can vary.
///
/// For a decision at instant t on a condor, both paths start from the condor as it was just before
/// the decision, valued V at the latest mark at or before t (the debit to close, per unit):
/// - ALVH path: what actually happened from there to the condor's end (or its last mark), including
///   the hedge layers protecting it (by their share; a layer already held at t counts its P&L
///   realized after t plus its unrealized P&L at the last mark, from its cost basis):
///   P&L = final cash − (cash before t − V × m) + layers, with the open value subtracted when still open.
/// - Fixed path: the fixed rule applied from that same state (credit C = the cumulative credit so
///   far) over the recorded marks (`FixedRulePath`): P&L = (V + the path's cash per unit) × m.
/// The whole-trade line applies the fixed rule from the opening (credit C = the opening credit, the
///  same opening fees) against the condor's whole ALVH result including its layers.
public struct DecisionReport: Sendable {
    public var rule: FixedRule
    public var settings: ValuationSettings
    public var lines: [DecisionLine]

    /// Totals (dollars) over the lines that have figures: decisions, then whole trades.
    public var decisionTotals: (alvh: Decimal, fixed: Decimal, edge: Decimal) { Self.totals(lines.filter { $0.kind != "trade" }) }
    public var tradeTotals: (alvh: Decimal, fixed: Decimal, edge: Decimal) { Self.totals(lines.filter { $0.kind == "trade" }) }

    static func totals(_ lines: [DecisionLine]) -> (alvh: Decimal, fixed: Decimal, edge: Decimal) {
        let valued = lines.filter { $0.edge != nil }
        return (valued.reduce(0) { $0 + $1.alvhPnL! }, valued.reduce(0) { $0 + $1.fixedPnL! }, valued.reduce(0) { $0 + $1.edge! })
    }

    /// Reads the projection, the marks and the streams of the condors in scope (all, or `condor`).
    public static func build(store: EventStore, rule: FixedRule, condor: UUID? = nil, settings: ValuationSettings = .standard) throws -> DecisionReport {
        let book = try ProjectionBook.load(store.connection)
        return try build(store: store, book: book, condors: book.condors.filter { condor == nil || $0.condorID == condor }, rule: rule, settings: settings)
    }

    /// For a book already loaded (perhaps scoped): reads the streams of `condors` and of their
    /// layers, and the marks unless `marks` gives them (all of them, in market order).
    public static func build(store: EventStore, book: ProjectionBook, condors: [CondorRow], marks: [MarketMark]? = nil, rule: FixedRule,
                             settings: ValuationSettings = .standard) throws -> DecisionReport {
        let inScope = Set(condors.map(\.condorID))
        let layerIDs = Set(book.allocations.filter { inScope.contains($0.condorID) }.map(\.layerID))
        let streams = condors.map { StreamName.condor($0.condorID) } + layerIDs.sorted { $0.uuidString < $1.uuidString }.map(StreamName.hedge)
        let events = Dictionary(grouping: try EventReader(connection: store.connection).read(streams: streams), by: \.event.streamID)
        let marks = try marks ?? MarkStore(connection: store.connection).marks(from: .distantPast, to: .distantFuture)
        return DecisionReport(book: book, condors: condors, events: events, marks: marks, rule: rule, settings: settings)
    }

    /// The pure computation over loaded facts.
    public init(book: ProjectionBook, condors: [CondorRow], events: [String: [SourcedEvent]], marks: [MarketMark], rule: FixedRule,
                settings: ValuationSettings) {
        self.rule = rule
        self.settings = settings
        let valuer = CondorValuer(settings: settings)
        let path = FixedRulePath(rule: rule, valuer: valuer)
        let layerRows = Dictionary(uniqueKeysWithValues: book.layers.map { ($0.layerID, $0) })
        let allocations = Dictionary(grouping: book.allocations, by: \.condorID)
        let decisions = Dictionary(grouping: book.decisions.filter { $0.condorID != nil }, by: { $0.condorID! })
        var lines: [DecisionLine] = []
        let choice = MarkChoice(marks: marks)

        for row in condors {
            // This condor's market: its portfolio's backtest feed, or the live feeds.
            let marks = choice.marks(forPortfolio: row.portfolio)
            let stream = EffectiveStream((events[StreamName.condor(row.condorID)] ?? []).map(\.event))
            let positions = Dictionary((events[StreamName.condor(row.condorID)] ?? []).map { ($0.event.eventID, $0.position) }, uniquingKeysWith: { a, _ in a })
            guard let final = CondorState.fold(stream.effective) else { continue }
            let m = row.multiplier * Decimal(row.contracts)
            var settlements: [CalendarDate: Decimal] = [:]
            for item in stream.effective {
                if case .condorExpired(let expired) = item.event { settlements[expired.expiry] = expired.settlementLevel }
            }
            // The ALVH result at the end: final cash less the open value at the last mark.
            let endValue: Decimal? = final.status == .open ? row.markValue.map { $0 * m } : 0
            let endSource: ValuationSource? = final.status == .open ? row.valuation : nil
            let layers: [(HedgeLayerRow, Decimal, [SourcedEvent])] = (allocations[row.condorID] ?? []).compactMap { a in
                guard let layer = layerRows[a.layerID] else { return nil }
                return (layer, a.share, events[StreamName.hedge(a.layerID)] ?? [])
            }
            /// The layers' P&L after `position` (all of it when nil), by share.
            func layerPnL(after position: Int64?) -> Decimal {
                layers.reduce(Decimal(0)) { total, entry in
                    let (layer, share, layerEvents) = entry
                    let effective = EffectiveStream(layerEvents.map(\.event)).effective
                    let before = position.flatMap { p in
                        HedgeLayerState.fold(effective.filter { item in (layerEvents.first { $0.event.eventID == item.eventID }?.position ?? 0) < p })
                    }
                    return total + share * (layer.realizedPnL - (before?.realizedPnL ?? 0) + (layer.unrealizedPnL ?? 0))
                }
            }

            for decision in (decisions[row.condorID] ?? []).sorted(by: { ($0.decidedAt, $0.position) < ($1.decidedAt, $1.position) }) {
                var line = DecisionLine(condorID: row.condorID, decidedAt: decision.decidedAt, kind: decision.kind.rawValue,
                                        alvhChoice: decision.alvhChoice, fixedChoice: "n/a", fixedExit: "n/a", alvhPnL: nil, fixedPnL: nil,
                                        edge: nil, alvhValuation: "n/a", fixedValuation: "n/a", note: nil)
                let earlier = stream.effective.filter { (positions[$0.eventID] ?? 0) < decision.position }
                guard let before = CondorState.fold(earlier), before.status == .open else {
                    line.note = "the condor was not open at this decision"
                    lines.append(line)
                    continue
                }
                let after = Self.firstIndex(in: marks) { $0.at > decision.decidedAt }
                guard after > marks.startIndex else {
                    line.note = "no mark at or before the decision"
                    lines.append(line)
                    continue
                }
                let start = marks[after - 1]
                let value = valuer.value(before.strikes, underlying: before.underlying, at: start)
                let days = FixedRulePath.days(from: CalendarDate(newYorkDateOf: start.at), to: before.strikes.expiry)
                line.fixedChoice = Self.words(rule.verdict(value: value.perUnit, credit: before.cumulativeCredit, daysToExpiry: days))
                    + " (value \(DecimalParser.format(value.perUnit)) vs credit \(DecimalParser.format(before.cumulativeCredit)))"
                let forward = marks[(after - 1)...]
                let outcome = path.run(strikes: before.strikes, underlying: before.underlying, credit: before.cumulativeCredit,
                                       marks: forward, settlements: settlements)
                line.fixedExit = Self.exit(outcome)
                line.fixedPnL = Finance.Money.rounded((value.perUnit + outcome.cashPerUnit) * m)
                line.fixedValuation = ValuationSource.combining([value.source] + [outcome.source].compactMap { $0 })?.rawValue ?? "fills"
                guard let endValue else {
                    line.note = "the condor is open and has no mark"
                    lines.append(line)
                    continue
                }
                let alvh = final.realizedCash - endValue - (before.realizedCash - value.perUnit * m) + layerPnL(after: decision.position)
                line.alvhPnL = Finance.Money.rounded(alvh)
                line.alvhValuation = ValuationSource.combining([value.source] + [endSource].compactMap { $0 })?.rawValue ?? "fills"
                line.edge = line.alvhPnL! - line.fixedPnL!
                lines.append(line)
            }

            // The whole trade: the fixed rule from the opening.
            guard let opening = stream.effective.first, case .condorOpened(let opened) = opening.event, let openStrikes = opened.strikes else { continue }
            var trade = DecisionLine(condorID: row.condorID, decidedAt: nil, kind: "trade", alvhChoice: Self.alvhSummary(final),
                                     fixedChoice: "open at credit \(DecimalParser.format(opened.credit))", fixedExit: "n/a",
                                     alvhPnL: nil, fixedPnL: nil, edge: nil, alvhValuation: "n/a", fixedValuation: "n/a", note: nil)
            let forward = marks[Self.firstIndex(in: marks) { $0.at >= opening.occurredAt }...]
            let outcome = path.run(strikes: openStrikes, underlying: opened.underlying, credit: opened.credit, marks: forward, settlements: settlements)
            trade.fixedExit = Self.exit(outcome)
            trade.fixedPnL = Finance.Money.rounded((opened.credit + outcome.cashPerUnit) * m - opened.fees)
            trade.fixedValuation = outcome.source?.rawValue ?? "fills"
            if let endValue {
                trade.alvhPnL = Finance.Money.rounded(final.realizedCash - endValue + layerPnL(after: nil))
                trade.alvhValuation = endSource?.rawValue ?? "fills"
                trade.edge = trade.alvhPnL! - trade.fixedPnL!
            } else {
                trade.note = "the condor is open and has no mark"
            }
            lines.append(trade)
        }
        self.lines = lines
    }

    /// The first index whose mark satisfies `isAfter` (marks are in market order and `isAfter` is
    /// monotone in time), by binary search.
    static func firstIndex(in marks: [MarketMark], where isAfter: (MarketMark) -> Bool) -> Int {
        var low = marks.startIndex, high = marks.endIndex
        while low < high {
            let middle = (low + high) / 2
            if isAfter(marks[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    static func words(_ verdict: FixedRule.Verdict) -> String {
        switch verdict {
        case .takeProfit: "take profit"
        case .stop: "stop: close"
        case .stopRoll: "stop: roll"
        case .time: "exit on time"
        case .hold: "hold"
        case .expiry: "expire"
        case .open: "hold"
        }
    }

    static func exit(_ outcome: FixedRulePath.Outcome) -> String {
        let day = outcome.exitAt.map { " " + CalendarDate(newYorkDateOf: $0).description } ?? ""
        let rolls = outcome.rolls > 0 ? " after \(outcome.rolls) roll\(outcome.rolls == 1 ? "" : "s")" : ""
        switch outcome.exit {
        case .open: return outcome.exitAt == nil ? "open, no mark" : "open at last mark\(day)\(rolls)"
        default: return outcome.exit.rawValue + day + rolls
        }
    }

    static func alvhSummary(_ state: CondorState) -> String {
        var parts = ["\(state.status.rawValue)"]
        if !state.rolls.isEmpty { parts.append("\(state.rolls.count) roll\(state.rolls.count == 1 ? "" : "s")") }
        if state.deferrals > 0 { parts.append("\(state.deferrals) deferral\(state.deferrals == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}
