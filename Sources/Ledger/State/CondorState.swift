import Foundation

/// A condor as its stream's events (less voided ones) leave it.
public struct CondorState: Sendable, Hashable {
    public enum Status: String, Sendable, Codable { case open, closed, expired }

    /// One link of the roll chain: what the roll did and the credit it brought.
    public struct RollLink: Sendable, Hashable {
        public var eventID: UUID
        public var at: Date
        public var side: RollSide
        public var legsAfter: IronCondorLegs
        /// Net credit per unit of this roll (negative for a debit).
        public var netCredit: Decimal
        /// Opening credit plus every roll's net credit so far, per unit.
        public var cumulativeCredit: Decimal
    }

    public var condorID: UUID
    public var portfolio: String
    public var underlying: Underlying
    public var status: Status
    /// The current legs (after every roll).
    public var strikes: IronCondorLegs
    public var expiry: CalendarDate { strikes.expiry }
    public var contracts: Int
    public var openedAt: Date
    /// Net credit per unit received when opened.
    public var openingCredit: Decimal
    public var rolls: [RollLink]
    /// Opening credit plus the net credit of every roll, per unit (index points).
    public var cumulativeCredit: Decimal
    /// Deferred rolls recorded.
    public var deferrals: Int
    /// Dollars received less paid so far, fees included (closing debits included once closed).
    public var realizedCash: Decimal
    /// Dollars of fees paid so far.
    public var fees: Decimal
    /// The latest market time of an event that counts.
    public var lastEventAt: Date
    /// The stream's version (voids included): the expected version for the next append.
    public var version: Int64

    /// Folds a condor stream; nil when it holds no (unvoided) `CondorOpened`. Events that cannot
    /// apply (anything after a close, or before the open) are skipped.
    public static func fold(_ events: [LedgerStreamEvent]) -> CondorState? {
        let stream = EffectiveStream(events)
        var state: CondorState?
        for item in stream.effective {
            switch item.event {
            case .condorOpened(let opened):
                guard state == nil, let strikes = opened.strikes else { continue }
                let cash = opened.credit * opened.multiplier * Decimal(opened.contracts) - opened.fees
                state = CondorState(condorID: opened.condorID, portfolio: opened.portfolio, underlying: opened.underlying,
                                    status: .open, strikes: strikes, contracts: opened.contracts, openedAt: item.occurredAt,
                                    openingCredit: opened.credit, rolls: [], cumulativeCredit: opened.credit, deferrals: 0,
                                    realizedCash: cash, fees: opened.fees, lastEventAt: item.occurredAt, version: 0)
            case .condorRolled(let rolled):
                guard var current = state, current.status == .open,
                      let after = IronCondorLegs(expiry: rolled.expiryAfter, legs: rolled.legsAfter) else { continue }
                current.cumulativeCredit += rolled.netCredit
                current.realizedCash += rolled.netCredit * current.underlying.multiplier * Decimal(current.contracts) - rolled.fees
                current.fees += rolled.fees
                current.strikes = after
                current.rolls.append(RollLink(eventID: item.eventID, at: item.occurredAt, side: rolled.side, legsAfter: after,
                                              netCredit: rolled.netCredit, cumulativeCredit: current.cumulativeCredit))
                current.lastEventAt = max(current.lastEventAt, item.occurredAt)
                state = current
            case .rollDeferred:
                guard var current = state, current.status == .open else { continue }
                current.deferrals += 1
                current.lastEventAt = max(current.lastEventAt, item.occurredAt)
                state = current
            case .condorClosed(let closed):
                guard var current = state, current.status == .open else { continue }
                current.realizedCash -= closed.price * current.underlying.multiplier * Decimal(current.contracts) + closed.fees
                current.fees += closed.fees
                current.status = .closed
                current.lastEventAt = max(current.lastEventAt, item.occurredAt)
                state = current
            case .condorExpired(let expired):
                guard var current = state, current.status == .open else { continue }
                current.realizedCash -= expired.settlementValue * current.underlying.multiplier * Decimal(current.contracts) + expired.fees
                current.fees += expired.fees
                current.status = .expired
                current.lastEventAt = max(current.lastEventAt, item.occurredAt)
                state = current
            default:
                continue
            }
        }
        state?.version = stream.version
        return state
    }
}
