import Foundation
import Ledger
import Market

/// The pure, deterministic fold of one condor stream into its rows: the position row, the roll
/// chain, the capital-at-risk cash flows for IRR and the decision facts. Incremental catch-up and
/// replay both call it, so they agree by construction.
///
/// Cash flows (dollars; m = multiplier × contracts; W = widest wing per unit; docs/design.md, "Realized IRR"):
/// - open: −(W × m − credit × m) − fees (the maximum loss is committed; the credit funds part of it);
/// - roll: +W_old × m − close debit × m (the old commitment released less the debit),
///   −(W_new × m − open credit × m) (the new one committed), − fees, as one flow;
/// - close: +W × m − debit × m − fees; expiry: +W × m − settlement value × m − fees;
/// - partial close of k: +(W − debit) × multiplier × k − fees (capital released pro rata);
/// - leg-in: +credit × m − fees − (W_after − W_before) × m (a wider wing commits more);
/// - side close: +(W_before − W_after) × m − debit × m − fees (the closed side's extra commitment
///   released less the debit; W_after is the remaining side's width);
/// - split of k (partial roll): +W × multiplier × k − cash share here, −W × multiplier × k + cash
///   share on the condor the contracts continue as.
/// The flows sum to the condor's P&L (`CondorState.realizedCash` once it has ended).
public enum CondorFold {
    /// The rows with an open position valued at `lastMark` (with its model), whatever its feed.
    public static func rows(events: [SourcedEvent], lastMark: MarketMark?) -> OwnerRows {
        rows(events: events, markFor: { _ in lastMark })
    }

    /// The rows with open positions valued at the mark `marks` chooses for their portfolio.
    public static func rows(events: [SourcedEvent], marks: MarkChoice) -> OwnerRows {
        rows(events: events, markFor: marks.mark(forPortfolio:))
    }

    /// `markFor(portfolio)`: the mark that values an open position of that portfolio. One walk:
    /// `CondorState.fold` applies the events and hands every step it took to the row builder.
    static func rows(events: [SourcedEvent], markFor: (String) -> MarketMark?) -> OwnerRows {
        var builder = CondorRowsBuilder(events: events)
        guard let state = CondorState.fold(EffectiveStream(events.map(\.event)), observe: { builder.take($0) }) else { return OwnerRows() }
        return builder.rows(state: state, mark: markFor(state.portfolio))
    }

    static func encode(_ signals: DecisionSignals?) -> Data? {
        guard let signals, !signals.isEmpty else { return nil }
        return try? LedgerJSON.encode(signals)
    }
}

extension CondorRow {
    /// This row valued at `mark` (the latest mark) with the mark's model: an open condor gets the
    /// mark's time, its value per unit (mid), unrealized P&L = cash − value × multiplier × contracts
    /// and the model's id; a closed one, or a mark before the opening, gets none. The fold and a
    /// mark-only catch-up both use it.
    public func marked(at mark: MarketMark?) -> CondorRow {
        var row = self
        row.markAt = nil
        row.markValue = nil
        row.unrealizedPnL = nil
        row.valuation = nil
        row.modelID = nil
        guard status == .open, let mark, mark.at >= openedAt else { return row }
        let value = mark.model.value(strikes, underlying: underlying, at: mark)
        row.markAt = mark.at
        row.markValue = value.perUnit
        row.unrealizedPnL = cash - value.perUnit * multiplier * Decimal(contracts)
        row.valuation = value.source
        row.modelID = mark.model.eventID
        return row
    }
}

/// The rows of one condor, built step by step from the condor's fold (`CondorFold`).
struct CondorRowsBuilder {
    let events: [SourcedEvent]
    private var multiplier: Decimal = 100
    /// multiplier × contracts.
    private var m: Decimal = 0
    private var closeReason: CloseReason?
    private var endedAt: Date?
    private var flows: [CashFlowRow] = []
    private var rolls: [RollRow] = []
    private var decisions: [DecisionRow] = []

    init(events: [SourcedEvent]) { self.events = events }

    /// Adds what one step of the fold means for the rows: a flow, a roll link, a decision.
    mutating func take(_ step: CondorStep) {
        let item = step.item, after = step.after
        switch item.event {
        case .condorOpened(let opened):
            multiplier = opened.multiplier
            m = multiplier * Decimal(opened.contracts)
            flow(step, -(after.strikes.widestWing - opened.credit) * m - opened.fees, "commit")
        case .condorRolled(let rolled):
            let wing = step.before?.strikes.widestWing ?? 0
            rolls.append(RollRow(condorID: after.condorID, seq: rolls.count + 1, eventID: item.eventID, rolledAt: item.occurredAt, side: rolled.side,
                                 strikes: after.strikes, netCredit: rolled.netCredit, cumulativeCredit: after.cumulativeCredit, fees: rolled.fees))
            flow(step, (wing - rolled.closePrice) * m - (after.strikes.widestWing - rolled.openPrice) * m - rolled.fees, "roll")
            let said = [rolled.trigger?.alvh, rolled.reason].compactMap { $0 }.joined(separator: "; ")
            decision(step, .roll, "roll \(rolled.side.rawValue)" + (said.isEmpty ? "" : ": \(said)"), rolled.trigger?.fixedRule, rolled.signals)
        case .rollDeferred(let deferred):
            let said = [deferred.trigger?.alvh, deferred.reason].compactMap { $0 }.joined(separator: "; ")
            decision(step, .deferral, "defer roll: \(said)", deferred.trigger?.fixedRule, deferred.signals)
        case .condorClosed(let closed):
            end(step, reason: closed.reason)
            flow(step, (after.strikes.widestWing - closed.price) * m - closed.fees, "close")
            if closed.reason == .alvh {
                decision(step, .close, "close" + (closed.note.map { ": \($0)" } ?? ""), nil, closed.signals)
            }
        case .condorExpired(let expired):
            end(step, reason: .expiry)
            flow(step, (after.strikes.widestWing - expired.settlementValue) * m - expired.fees, "expiry")
        default:
            takeAccountsStep(step)
        }
    }

    /// Partial closes, side closes, splits (partial rolls and partial side closes) and legging in. A split moves the contracts' share of
    /// the commitment between two condors (+W × m_k − cash share here, the opposite there, same day),
    /// so the flows of both still sum to each one's P&L and cancel in a portfolio.
    private mutating func takeAccountsStep(_ step: CondorStep) {
        let item = step.item, after = step.after
        let wing = after.strikes.widestWing
        switch item.event {
        case .condorPartiallyClosed(let closed):
            flow(step, (wing - closed.price) * multiplier * Decimal(closed.contracts) - closed.fees, "partial close")
            m = multiplier * Decimal(closed.remaining)
            if closed.reason == .alvh {
                decision(step, .close, "close \(closed.contracts)" + (closed.note.map { ": \($0)" } ?? ""), nil, closed.signals)
            }
        case .condorSideClosed(let closed):
            let before = step.before?.strikes.widestWing ?? 0
            flow(step, (before - wing - closed.price) * m - closed.fees, "side close")
            if closed.reason == .alvh {
                decision(step, .close, "close the \(closed.side.rawValue) side" + (closed.note.map { ": \($0)" } ?? ""), nil, closed.signals)
            }
        case .condorSplit(let split):
            flow(step, wing * multiplier * Decimal(split.contracts) - split.cash, "split")
            m = multiplier * Decimal(split.remaining)
        case .condorOpenedFromSplit(let opened):
            multiplier = opened.multiplier
            m = multiplier * Decimal(opened.contracts)
            flow(step, -wing * m + opened.cash, "split")
        case .condorLeggedIn(let leg):
            let before = step.before?.strikes.widestWing ?? 0
            flow(step, leg.credit * m - leg.fees - (wing - before) * m, "leg-in")
        default:
            break
        }
    }

    private mutating func end(_ step: CondorStep, reason: CloseReason) {
        closeReason = reason
        endedAt = step.item.occurredAt
    }

    private mutating func flow(_ step: CondorStep, _ amount: Decimal, _ what: String) {
        flows.append(CashFlowRow(ownerKind: .condor, ownerID: step.after.condorID, seq: flows.count + 1, portfolio: step.after.portfolio,
                                 eventID: step.item.eventID, date: NewYorkDay.of(step.item.occurredAt), amount: amount, what: what))
    }

    private mutating func decision(_ step: CondorStep, _ kind: DecisionRow.Kind, _ choice: String, _ fixed: String?, _ signals: DecisionSignals?) {
        decisions.append(DecisionRow(ownerID: step.after.condorID, eventID: step.item.eventID, condorID: step.after.condorID,
                                     portfolio: step.after.portfolio, decidedAt: step.item.occurredAt,
                                     position: SourcedEvent.position(of: step.item.eventID, in: events), kind: kind, alvhChoice: choice,
                                     fixedSaid: fixed, signals: CondorFold.encode(signals), layerID: nil))
    }

    /// The rows once the fold is done: the position row valued at `mark`, the roll chain, the flows and decisions.
    func rows(state: CondorState, mark: MarketMark?) -> OwnerRows {
        let row = CondorRow(condorID: state.condorID, portfolio: state.portfolio, underlying: state.underlying, status: state.status,
                            closeReason: closeReason, strikes: state.strikes, contracts: state.contracts, multiplier: multiplier,
                            openedAt: state.openedAt, endedAt: endedAt, openingCredit: state.openingCredit,
                            cumulativeCredit: state.cumulativeCredit, rolls: state.rolls.count, deferrals: state.deferrals,
                            fees: state.fees, cash: state.realizedCash, realizedPnL: state.status == .open ? nil : state.realizedCash,
                            markAt: nil, markValue: nil, unrealizedPnL: nil, valuation: nil, modelID: nil, lastEventAt: state.lastEventAt)
        var rows = OwnerRows()
        rows.condor = row.marked(at: mark)
        rows.rolls = rolls
        rows.flows = flows
        rows.decisions = decisions
        return rows
    }
}
