import Finance
import Foundation
import Ledger
import Market

/// A hedge layer's part in one condor's review: its row, its share (1/n of the condors it
/// protects) and its events that count, with their global positions.
struct LayerShare {
    let row: HedgeLayerRow
    let share: Decimal
    /// The global position of each event that counts, and the layer's realized P&L once it and
    /// every earlier one are folded.
    let realizedThrough: [(position: Int64, realized: Decimal)]

    init(row: HedgeLayerRow, share: Decimal, events: [SourcedEvent]) {
        self.row = row
        self.share = share
        let effective = CondorReview.effective(events)
        realizedThrough = effective.indices.map { index in
            (effective[index].position, HedgeLayerState.fold(effective[...index].map(\.event))?.realizedPnL ?? 0)
        }
    }

    /// Its P&L by share after global position `position` (all of it when nil): realized after it
    /// plus unrealized at the last mark.
    func pnl(after position: Int64?) -> Decimal {
        let before = position.flatMap { p in realizedThrough.last { $0.position < p }?.realized } ?? 0
        return share * (row.realizedPnL - before + (row.unrealizedPnL ?? 0))
    }
}

/// One condor's facts for the decision review, and its lines (`DecisionReport`).
struct CondorReview {
    let row: CondorRow
    let effective: [(event: LedgerStreamEvent, position: Int64)]
    let final: CondorState
    /// Recorded settlement levels by expiry.
    let settlements: [CalendarDate: Decimal]
    let layers: [LayerShare]
    /// The condor's market, in market order.
    let marks: [MarketMark]
    let path: FixedRulePath
    /// The trade's opening, as the fixed rule holds it from there for the contracts the trade covers
    /// (`tradeContracts`; the opening fees pro rata): the condor's `CondorOpened`, or for a condor split
    /// off another (a partial roll or side close), the opening of the condor it came from.
    let opening: (opened: CondorOpened, at: Date, position: FixedRulePosition)?
    /// The contracts this condor's P&L covers: those it opened with (or was split off with), less
    /// those split off it later (they leave with their share of the cash); partial closes stay in it.
    let tradeContracts: Int
    /// The ALVH result's open value at its last mark (dollars; 0 once ended, nil when open and unmarked),
    /// how it was valued and with which model.
    let endValue: Decimal?
    let endSource: ValuationSource?
    let endModels: [MarketModel]

    /// `tradeOpening`: the opening that starts the trade (`DecisionReport.tradeOpening`).
    init?(row: CondorRow, events: [SourcedEvent], layers: [LayerShare], marks: [MarketMark], path: FixedRulePath,
          tradeOpening: (opened: CondorOpened, at: Date)? = nil) {
        effective = Self.effective(events)
        guard let final = CondorState.fold(effective.map(\.event)) else { return nil }
        self.row = row
        self.final = final
        self.layers = layers
        self.marks = marks
        self.path = path
        var settlements: [CalendarDate: Decimal] = [:]
        for item in effective {
            if case .condorExpired(let expired) = item.event.event { settlements[expired.expiry] = expired.settlementLevel }
        }
        self.settlements = settlements
        tradeContracts = final.openedContracts - final.reductions.filter { $0.kind == .split }.reduce(0) { $0 + $1.contracts }
        var start = tradeOpening
        if let first = effective.first, case .condorOpened(let opened) = first.event.event { start = (opened, first.event.occurredAt) }
        if let start, var position = try? FixedRulePosition(opened: start.opened, at: start.at), start.opened.contracts > 0 {
            position.contracts = tradeContracts
            position.feesPerFourLegs = start.opened.fees * Decimal(tradeContracts) / Decimal(start.opened.contracts)
            opening = (start.opened, start.at, position)
        } else {
            opening = nil
        }
        let m = row.multiplier * Decimal(row.contracts)
        endValue = final.status == .open ? row.markValue.map { $0 * m } : 0
        endSource = final.status == .open ? row.valuation : nil
        endModels = final.status == .open ? marks.last { $0.at == row.markAt }.map { [$0.model] } ?? [] : []
    }

    /// The line of one decision: both paths from the latest mark at or before it.
    func line(for decision: DecisionRow, models: inout ModelsUsed) -> DecisionLine {
        var line = DecisionLine(condorID: row.condorID, decidedAt: decision.decidedAt, kind: decision.kind.rawValue,
                                alvhChoice: decision.alvhChoice, fixedChoice: "n/a")
        let earlier = effective.filter { $0.position < decision.position }.map(\.event)
        guard let before = CondorState.fold(earlier), before.status == .open, let opening else {
            line.note = "the condor was not open at this decision"
            return line
        }
        guard final.reductions.filter({ $0.kind == .split }).count == before.reductions.filter({ $0.kind == .split }).count else {
            line.note = "contracts were split off after this decision (a partial roll or side close): their result is on the condor they continue as; see the trade lines"
            return line
        }
        let after = Self.firstIndex(in: marks) { $0.at > decision.decidedAt }
        guard after > marks.startIndex else {
            line.note = "no mark at or before the decision"
            return line
        }
        let start = marks[after - 1]
        let value = start.model.value(before.strikes, underlying: before.underlying, at: start)
        // The contracts open at the decision (a later partial close is part of the ALVH path), the
        // opening fees pro rata.
        var position = opening.position
        position.strikes = before.strikes
        position.credit = Self.structureCredit(earlier, opening: Self.carriedCredit(earlier) ?? opening.opened.credit)
        position.contracts = before.contracts
        position.feesPerFourLegs = opening.opened.fees * Decimal(before.contracts) / Decimal(opening.opened.contracts)
        let days = MarketCalendar.daysToExpiry(before.strikes.expiry, from: start.date)
        line.fixedChoice = DecisionReport.words(path.rule.verdict(value: value.perUnit, credit: position.credit, daysToExpiry: days))
            + " (value \(DecimalParser.format(value.perUnit)) vs credit \(DecimalParser.format(position.credit)))"
        let outcome = path.run(position, marks: marks, from: after - 1, settlements: settlements)
        let m = position.dollarsPerPoint
        line.fixedExit = DecisionReport.exit(outcome)
        line.fixedPnL = Finance.Money.rounded((value.perUnit + outcome.cashPerUnit) * m - outcome.fees)
        line.fixedValuation = ValuationSource.combining([value.source] + [outcome.source].compactMap { $0 })?.rawValue ?? "fills"
        record([start.model] + outcome.models + endModels, in: &line, models: &models)
        guard let endValue else {
            line.note = "the condor is open and has no mark"
            return line
        }
        let alvh = final.realizedCash - endValue - (before.realizedCash - value.perUnit * m) + layers.reduce(0) { $0 + $1.pnl(after: decision.position) }
        line.alvhPnL = Finance.Money.rounded(alvh)
        line.alvhValuation = ValuationSource.combining([value.source] + [endSource].compactMap { $0 })?.rawValue ?? "fills"
        line.edge = line.alvhPnL! - line.fixedPnL!
        return line
    }

    /// The whole trade: the fixed rule from the opening (marks after it) against the ALVH result.
    func tradeLine(models: inout ModelsUsed) -> DecisionLine? {
        guard let opening else { return nil }
        var trade = DecisionLine(condorID: row.condorID, decidedAt: nil, kind: "trade", alvhChoice: DecisionReport.alvhSummary(final),
                                 fixedChoice: "open at credit \(DecimalParser.format(opening.opened.credit))")
        let first = Self.firstIndex(in: marks) { $0.at > opening.at }
        let outcome = path.run(opening.position, marks: marks, from: first, settlements: settlements)
        trade.fixedExit = DecisionReport.exit(outcome)
        trade.contracts = tradeContracts
        trade.fixedPnL = Finance.Money.rounded((opening.opened.credit + outcome.cashPerUnit) * opening.position.dollarsPerPoint
            - opening.position.feesPerFourLegs - outcome.fees)
        trade.fixedValuation = outcome.source?.rawValue ?? "fills"
        record(outcome.models + endModels, in: &trade, models: &models)
        guard let endValue else {
            trade.note = "the condor is open and has no mark"
            return trade
        }
        trade.alvhPnL = Finance.Money.rounded(final.realizedCash - endValue + layers.reduce(0) { $0 + $1.pnl(after: nil) })
        trade.alvhValuation = endSource?.rawValue ?? "fills"
        trade.edge = trade.alvhPnL! - trade.fixedPnL!
        return trade
    }

    func record(_ used: [MarketModel], in line: inout DecisionLine, models: inout ModelsUsed) {
        var ids: [String] = []
        for model in used where !ids.contains(model.id) { ids.append(model.id) }
        line.models = ids
        models.add(used)
    }

    /// The cumulative credit a condor split off another carried (nil for a condor opened itself):
    /// what its structure was sold for when it was split off.
    static func carriedCredit(_ events: [LedgerStreamEvent]) -> Decimal? {
        guard case .condorOpenedFromSplit(let split)? = events.first?.event else { return nil }
        return split.cumulativeCredit
    }

    /// What the current structure was sold for: the opening credit; a roll of both sides sells a new
    /// structure (its open price); a one-side roll adds its net credit, a leg-in its credit; closing a
    /// side takes its debit off.
    static func structureCredit(_ events: [LedgerStreamEvent], opening: Decimal) -> Decimal {
        var credit = opening
        for item in events {
            switch item.event {
            case .condorRolled(let rolled): credit = rolled.side == .both ? rolled.openPrice : credit + rolled.netCredit
            case .condorLeggedIn(let leg): credit += leg.credit
            case .condorSideClosed(let closed): credit -= closed.price
            default: continue
            }
        }
        return credit
    }

    /// A stream's events that count, with their global positions, in stream order.
    static func effective(_ events: [SourcedEvent]) -> [(event: LedgerStreamEvent, position: Int64)] {
        let positions = Dictionary(events.map { ($0.event.eventID, $0.position) }, uniquingKeysWith: { a, _ in a })
        return EffectiveStream(events.map(\.event)).effective.map { ($0, positions[$0.eventID] ?? 0) }
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
}
