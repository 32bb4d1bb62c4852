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

    /// Contracts that left the condor before its end: bought back (`CondorPartiallyClosed`) or
    /// continued as another condor (`CondorSplit`, a partial roll).
    public struct Reduction: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case close, split }
        public var eventID: UUID
        public var at: Date
        public var kind: Kind
        /// Contracts that left.
        public var contracts: Int
        /// Debit per unit paid to close them (closes only).
        public var price: Decimal?
        /// Dollars: the fees paid for a close; for a split, the share of the fees so far that left with the contracts.
        public var fees: Decimal
        /// Dollars of cash that left with a split's contracts (their share of the cash so far).
        public var cash: Decimal
        /// The condor a split's contracts continue as.
        public var continuedAs: UUID?
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
    /// Contracts when the condor was opened (or split off another).
    public var openedContracts: Int = 0
    /// Every partial close and split, in order: the history of what left the condor.
    public var reductions: [Reduction] = []
    /// The condor this one was split off (a partial roll), when it was.
    public var splitFrom: UUID?
    /// Rolls made before this condor was split off another (they are the other condor's events).
    public var priorRolls: Int = 0
    /// The stream's version (voids included): the expected version for the next append.
    public var version: Int64

    /// Rolls made in the condor's whole life, including those before it was split off another.
    public var rollCount: Int { priorRolls + rolls.count }

    /// Folds a condor stream; nil when it holds no (unvoided) `CondorOpened`. Events that cannot
    /// apply (anything after a close, or before the open) are skipped.
    public static func fold(_ events: [LedgerStreamEvent]) -> CondorState? {
        fold(EffectiveStream(events)) { _ in }
    }

    /// The same fold, telling `observe` every event that moved the condor, in stream order: the one
    /// walk the projections build their rows from, so they skip exactly the events this fold skips.
    /// Each event type says how it moves a condor (`LedgerEventPayload.applied(to:at:)`).
    public static func fold(_ stream: EffectiveStream, observe: (CondorStep) -> Void) -> CondorState? {
        var state: CondorState?
        for item in stream.effective {
            var visitor = CondorStepVisitor(condor: state, item: item)
            guard let next = item.event.accept(&visitor) else { continue }
            observe(CondorStep(item: item, before: state, after: next))
            state = next
        }
        state?.version = stream.version
        return state
    }
}

/// One event that moved a condor: the condor before it (nil for the opening) and after it.
public struct CondorStep {
    public let item: LedgerStreamEvent
    public let before: CondorState?
    public let after: CondorState
}

struct CondorStepVisitor: LedgerEventVisitor {
    let condor: CondorState?
    let item: LedgerStreamEvent

    func visit<P: LedgerEventPayload>(_ payload: P) -> CondorState? { payload.applied(to: condor, at: item) }
}
