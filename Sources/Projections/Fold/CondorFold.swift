import Foundation
import Ledger
import Market

/// The pure, deterministic fold of one condor stream into its rows: the position row, the roll
/// chain, the capital-at-risk cash flows for IRR and the decision facts. Incremental catch-up and
/// replay both call it, so they agree by construction.
///
/// Cash flows (dollars; m = multiplier × contracts; W = widest wing per unit; DESIGN "Realized IRR"):
/// - open: −(W × m − credit × m) − fees (the maximum loss is committed; the credit funds part of it);
/// - roll: +W_old × m − close debit × m (the old commitment released less the debit),
///   −(W_new × m − open credit × m) (the new one committed), − fees, as one flow;
/// - close: +W × m − debit × m − fees; expiry: +W × m − settlement value × m − fees.
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

    /// `markFor(portfolio)`: the mark that values an open position of that portfolio.
    static func rows(events: [SourcedEvent], markFor: (String) -> MarketMark?) -> OwnerRows {
        var rows = OwnerRows()
        let stream = EffectiveStream(events.map(\.event))
        guard let state = CondorState.fold(stream.all) else { return rows }

        var status = CondorState.Status.open
        var strikes: IronCondorLegs?
        var wing: Decimal = 0  // strikes' widest wing, per unit
        var contracts = 0
        var multiplier: Decimal = 100
        var m: Decimal = 0
        var closeReason: CloseReason?
        var endedAt: Date?
        var flows: [CashFlowRow] = []
        var rolls: [RollRow] = []
        var decisions: [DecisionRow] = []
        var cumulative: Decimal = 0

        func flow(_ item: LedgerStreamEvent, _ amount: Decimal, _ what: String) {
            flows.append(CashFlowRow(ownerKind: .condor, ownerID: state.condorID, seq: flows.count + 1, portfolio: state.portfolio,
                                     eventID: item.eventID, date: NewYorkDay.of(item.occurredAt), amount: amount, what: what))
        }
        func decision(_ item: LedgerStreamEvent, _ kind: DecisionRow.Kind, _ choice: String, _ fixed: String?, _ signals: DecisionSignals?) {
            decisions.append(DecisionRow(ownerID: state.condorID, eventID: item.eventID, condorID: state.condorID, portfolio: state.portfolio,
                                         decidedAt: item.occurredAt, position: SourcedEvent.position(of: item.eventID, in: events), kind: kind, alvhChoice: choice,
                                         fixedSaid: fixed, signals: encode(signals), layerID: nil))
        }

        // The same guards as CondorState.fold, so both agree on which events count.
        for item in stream.effective {
            switch item.event {
            case .condorOpened(let opened):
                guard strikes == nil, let legs = opened.strikes else { continue }
                strikes = legs
                wing = legs.widestWing
                contracts = opened.contracts
                multiplier = opened.multiplier
                m = multiplier * Decimal(contracts)
                cumulative = opened.credit
                flow(item, -(wing - opened.credit) * m - opened.fees, "commit")
            case .condorRolled(let rolled):
                guard strikes != nil, status == .open,
                      let after = IronCondorLegs(expiry: rolled.expiryAfter, legs: rolled.legsAfter) else { continue }
                let afterWing = after.widestWing
                cumulative += rolled.netCredit
                rolls.append(RollRow(condorID: state.condorID, seq: rolls.count + 1, eventID: item.eventID, rolledAt: item.occurredAt,
                                     side: rolled.side, strikes: after, netCredit: rolled.netCredit, cumulativeCredit: cumulative, fees: rolled.fees))
                flow(item, (wing - rolled.closePrice) * m - (afterWing - rolled.openPrice) * m - rolled.fees, "roll")
                strikes = after
                wing = afterWing
                let said = [rolled.trigger?.alvh, rolled.reason].compactMap { $0 }.joined(separator: "; ")
                decision(item, .roll, "roll \(rolled.side.rawValue)" + (said.isEmpty ? "" : ": \(said)"), rolled.trigger?.fixedRule, rolled.signals)
            case .rollDeferred(let deferred):
                guard strikes != nil, status == .open else { continue }
                let said = [deferred.trigger?.alvh, deferred.reason].compactMap { $0 }.joined(separator: "; ")
                decision(item, .deferral, "defer roll: \(said)", deferred.trigger?.fixedRule, deferred.signals)
            case .condorClosed(let closed):
                guard strikes != nil, status == .open else { continue }
                status = .closed
                closeReason = closed.reason
                endedAt = item.occurredAt
                flow(item, (wing - closed.price) * m - closed.fees, "close")
                if closed.reason == .alvh {
                    decision(item, .close, "close" + (closed.note.map { ": \($0)" } ?? ""), nil, closed.signals)
                }
            case .condorExpired(let expired):
                guard strikes != nil, status == .open else { continue }
                status = .expired
                closeReason = .expiry
                endedAt = item.occurredAt
                flow(item, (wing - expired.settlementValue) * m - expired.fees, "expiry")
            default:
                continue
            }
        }

        let row = CondorRow(condorID: state.condorID, portfolio: state.portfolio, underlying: state.underlying, status: state.status,
                            closeReason: closeReason, strikes: state.strikes, contracts: state.contracts, multiplier: multiplier,
                            openedAt: state.openedAt, endedAt: endedAt, openingCredit: state.openingCredit,
                            cumulativeCredit: state.cumulativeCredit, rolls: state.rolls.count, deferrals: state.deferrals,
                            fees: state.fees, cash: state.realizedCash, realizedPnL: state.status == .open ? nil : state.realizedCash,
                            markAt: nil, markValue: nil, unrealizedPnL: nil, valuation: nil, modelID: nil, lastEventAt: state.lastEventAt)
        rows.condor = row.marked(at: markFor(row.portfolio))
        rows.rolls = rolls
        rows.flows = flows
        rows.decisions = decisions
        return rows
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
