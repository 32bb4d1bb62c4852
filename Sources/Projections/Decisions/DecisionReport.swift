import EventStore
import Finance
import Foundation
import Ledger
import Market

/// One line of `alvh decisions`: a decision (or a condor's whole trade) with the ALVH path's P&L,
/// the fixed rule's, and the edge (ALVH − fixed), in dollars, fills and fees included on both.
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
    /// The market models (`MarketModel.id`) that valued the line's figures.
    public var models: [String] = []
    /// Why figures are missing, when they are.
    public var note: String?
    /// The whole-trade line's contracts: those the condor's P&L covers (opened, or split off another,
    /// less those split off it later); per contract = P&L ÷ contracts. Nil on decision lines.
    public var contracts: Int?

    init(condorID: UUID, decidedAt: Date?, kind: String, alvhChoice: String, fixedChoice: String) {
        self.condorID = condorID
        self.decidedAt = decidedAt
        self.kind = kind
        self.alvhChoice = alvhChoice
        self.fixedChoice = fixedChoice
        fixedExit = "n/a"
        alvhValuation = "n/a"
        fixedValuation = "n/a"
    }
}

/// The per-decision counterfactual (docs/design.md, "Decisions"), computed at query time from the stored
/// facts so that the fixed rule's parameters can vary.
///
/// For a decision at instant t on a condor, both paths start from the condor as it was just before
/// the decision, valued V (mid) at the latest mark at or before t:
/// - ALVH path: what actually happened from there to the condor's end (or its last mark), including
///   the hedge layers protecting it (by their share; a layer already held at t counts its P&L
///   realized after t plus its unrealized P&L at the last mark, from its cost basis):
///   P&L = final cash − (cash before t − V × m) + layers, with the open value subtracted when still open.
/// - Fixed path: the fixed rule applied from that same state over the recorded marks from that mark
///   on (`FixedRulePath`, credit C = what the current structure was sold for), paying the fills and
///   the condor's own fees: P&L = (V + the path's cash per unit) × m − the path's fees.
/// The whole-trade line applies the fixed rule from the opening (credit C = the opening credit, the
/// same opening fees, marks after the opening) against the condor's whole ALVH result including its
/// layers: the headline edge. It covers the contracts the condor's P&L covers (`DecisionLine.contracts`):
/// a partial close stays in the trade; contracts split off (a partial roll or side close) leave it with
/// their share of the cash and fees, and their own trade line runs the fixed rule from the opening of
/// the condor they came from, for their contracts (opening fees pro rata). A decision line holds the
/// contracts open at the decision; when some were split off after it, it has no figures (a note says so). Decision lines overlap (each runs to the condor's end), so they are
/// not summed into a total.
public struct DecisionReport: Sendable {
    public var rule: FixedRule
    public var lines: [DecisionLine]
    /// Every market model a figure was valued with, in first-use order.
    public var models: [MarketModel]

    /// Totals (dollars) over the whole-trade lines that have figures.
    public var tradeTotals: (alvh: Decimal, fixed: Decimal, edge: Decimal) {
        let valued = lines.filter { $0.kind == "trade" && $0.edge != nil }
        return (valued.reduce(0) { $0 + $1.alvhPnL! }, valued.reduce(0) { $0 + $1.fixedPnL! }, valued.reduce(0) { $0 + $1.edge! })
    }

    /// Decision lines (not whole trades).
    public var decisionCount: Int { lines.filter { $0.kind != "trade" }.count }

    /// Reads the projection, the marks and the streams of the condors in scope (all, or `condor`).
    public static func build(store: EventStore, rule: FixedRule, condor: UUID? = nil) throws -> DecisionReport {
        let book = try ProjectionBook.load(store.connection)
        return try build(store: store, book: book, condors: book.condors.filter { condor == nil || $0.condorID == condor }, rule: rule)
    }

    /// For a book already loaded (perhaps scoped): reads the streams of `condors` and of their
    /// layers, and the marks unless `marks` gives them (all of them, in market order, with models).
    public static func build(store: EventStore, book: ProjectionBook, condors: [CondorRow], marks: [MarketMark]? = nil,
                             rule: FixedRule) throws -> DecisionReport {
        let inScope = Set(condors.map(\.condorID))
        let layerIDs = Set(book.allocations.filter { inScope.contains($0.condorID) }.map(\.layerID))
        let streams = condors.map { StreamName.condor($0.condorID) } + layerIDs.sorted { $0.uuidString < $1.uuidString }.map(StreamName.hedge)
        var events = Dictionary(grouping: try EventReader(connection: store.connection).read(streams: streams), by: \.event.streamID)
        // The streams of the condors those in scope were split off, for their trades' openings.
        for _ in 0..<16 {
            let missing = Set(events.values.compactMap { stream -> String? in
                guard case .condorOpenedFromSplit(let split)? = stream.first?.event.event else { return nil }
                return StreamName.condor(split.splitFrom)
            }).subtracting(events.keys)
            guard !missing.isEmpty else { break }
            for (stream, read) in Dictionary(grouping: try EventReader(connection: store.connection).read(streams: missing.sorted()), by: \.event.streamID) {
                events[stream] = read
            }
        }
        let marks = try marks ?? MarkStore(connection: store.connection).marks(from: .distantPast, to: .distantFuture)
        return DecisionReport(book: book, condors: condors, events: events, marks: marks, rule: rule)
    }

    /// The pure computation over loaded facts.
    public init(book: ProjectionBook, condors: [CondorRow], events: [String: [SourcedEvent]], marks: [MarketMark], rule: FixedRule) {
        self.rule = rule
        let path = FixedRulePath(rule: rule)
        let layerRows = Dictionary(uniqueKeysWithValues: book.layers.map { ($0.layerID, $0) })
        let allocations = Dictionary(grouping: book.allocations, by: \.condorID)
        let decisions = Dictionary(grouping: book.decisions.filter { $0.condorID != nil }, by: { $0.condorID! })
        let choice = MarkChoice(marks: marks)
        var lines: [DecisionLine] = []
        var models = ModelsUsed()
        for row in condors {
            let layers = (allocations[row.condorID] ?? []).compactMap { a in
                layerRows[a.layerID].map { LayerShare(row: $0, share: a.share, events: events[StreamName.hedge(a.layerID)] ?? []) }
            }
            // This condor's market: its portfolio's backtest feed, or the live feeds.
            guard let review = CondorReview(row: row, events: events[StreamName.condor(row.condorID)] ?? [], layers: layers,
                                            marks: choice.marks(forPortfolio: row.portfolio), path: path,
                                            tradeOpening: Self.tradeOpening(of: row.condorID, events: events)) else { continue }
            let ordered = (decisions[row.condorID] ?? []).sorted { ($0.decidedAt, $0.position) < ($1.decidedAt, $1.position) }
            for decision in ordered { lines.append(review.line(for: decision, models: &models)) }
            if let trade = review.tradeLine(models: &models) { lines.append(trade) }
        }
        self.lines = lines
        self.models = models.list
    }

    /// The opening that starts a condor's whole trade: its own `CondorOpened`, or for a condor split
    /// off another, that condor's (through every split), when its stream is loaded.
    static func tradeOpening(of condorID: UUID, events: [String: [SourcedEvent]]) -> (opened: CondorOpened, at: Date)? {
        var id = condorID
        for _ in 0..<64 {
            guard let first = CondorReview.effective(events[StreamName.condor(id)] ?? []).first?.event else { return nil }
            switch first.event {
            case .condorOpened(let opened): return (opened, first.occurredAt)
            case .condorOpenedFromSplit(let split): id = split.splitFrom
            default: return nil
            }
        }
        return nil
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

/// The distinct models a report used, in first-use order.
struct ModelsUsed {
    private(set) var list: [MarketModel] = []
    private var seen = Set<String>()

    mutating func add(_ models: [MarketModel]) {
        for model in models where seen.insert(model.id).inserted { list.append(model) }
    }
}
