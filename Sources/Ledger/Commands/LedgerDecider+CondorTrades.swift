import EventStore
import Foundation

/// The decider's condor trades after the opening: rolls (whole or partial), closes (whole or
/// partial) and legging in.
extension LedgerDecider {
    // MARK: rolls

    func rollCondor(_ c: RollCondor) throws -> LedgerDecision {
        let state = try openCondorState(c.condorID, action: "rolled")
        let at = try occurredAt(c.at, after: state.lastEventAt)
        let contracts = try contractsActedOn(c.contracts, of: state, action: "roll")
        let after = try rollTarget(c, state: state, at: at)
        try MarketRule.credit(c.openPrice, opening: c.side, of: after, field: Field.openPrice.name)
        guard contracts < state.contracts else {
            let payload = rolled(c, state: state, after: after, contracts: contracts, condorID: c.condorID)
            return LedgerDecision(appends: [try append(payload, stream: StreamName.condor(c.condorID), version: state.version, at: at)],
                                  condorID: c.condorID)
        }
        // A partial roll: the rolled contracts continue as a new condor, then roll there.
        return try splitOff(contracts, of: state, condorID: c.condorID, what: "rolled", reason: "partial roll of the \(c.side.rawValue) side", at: at) {
            rolled(c, state: state, after: after, contracts: contracts, condorID: $0)
        }
    }

    /// The roll of `contracts` contracts of `state` to `after`, recorded on `condorID`.
    private func rolled(_ c: RollCondor, state: CondorState, after: IronCondorLegs, contracts: Int, condorID: UUID) -> CondorRolled {
        CondorRolled(condorID: condorID, side: c.side, expiryBefore: state.expiry, expiryAfter: after.expiry,
                     closedLegs: state.strikes.legs(side: c.side, contracts: contracts), openedLegs: after.legs(side: c.side, contracts: contracts),
                     legsAfter: after.legs(contracts: contracts), contracts: contracts, closePrice: c.closePrice, openPrice: c.openPrice, fees: c.fees,
                     trigger: c.trigger, signals: c.signals, reason: c.reason)
    }

    /// The strikes after the roll: the side rolled gets the strikes given (the others stay); a new
    /// expiry needs every leg the condor has; a side the condor lacks can neither be rolled nor given.
    func rollTarget(_ c: RollCondor, state: CondorState, at: Date) throws -> IronCondorLegs {
        let current = state.strikes
        let id = c.condorID.lowercasedString
        if c.side != .both, !current.has(c.side) {
            throw LedgerValidationError(field: Field.side.name, rule: "condor \(id) is a \(current.structureName): it has no \(c.side.rawValue) side to roll")
        }
        let rollsEveryLeg = c.side == .both || c.side == current.sides
        let expiry = c.expiry ?? current.expiry
        if expiry != current.expiry, !rollsEveryLeg {
            throw LedgerValidationError(field: Field.expiry.name, rule: "a new expiry moves every leg (a condor's legs share one expiry): use --side both")
        }
        let puts: [(CommandField<Decimal>, Decimal?)] = [(Field.longPut, c.longPut), (Field.shortPut, c.shortPut)]
        let calls: [(CommandField<Decimal>, Decimal?)] = [(Field.shortCall, c.shortCall), (Field.longCall, c.longCall)]
        for (fields, side) in [(calls, RollSide.call), (puts, RollSide.put)] {
            guard let field = fields.first(where: { $0.1 != nil })?.0 else { continue }
            if !current.has(side) {
                throw LedgerValidationError(field: field.name, rule: "condor \(id) is a \(current.structureName): it has no \(side.rawValue) side (to add one, alvh condor leg-in)")
            }
            if c.side != .both, c.side != side {
                throw LedgerValidationError(field: field.name, rule: "cannot change \(side.rawValue) strikes when rolling --side \(c.side.rawValue)")
            }
        }
        try checkExpiry(expiry, notBefore: at, field: Field.expiry.name)
        let after = try current.replacing(expiry: expiry, longPut: c.longPut, shortPut: c.shortPut, shortCall: c.shortCall, longCall: c.longCall)
        guard current.legs(side: c.side, contracts: 1) != after.legs(side: c.side, contracts: 1) || after.expiry != current.expiry else {
            throw LedgerValidationError(field: Field.side.name, rule: "a roll must change the expiry or a strike of the \(c.side.rawValue) side")
        }
        return after
    }

    // MARK: closes

    func closeCondor(_ c: CloseCondor) throws -> LedgerDecision {
        let state = try openCondorState(c.condorID, action: "closed")
        let at = try occurredAt(c.at, after: state.lastEventAt)
        let contracts = try contractsActedOn(c.contracts, of: state, action: "close")
        let fees = FeeSplit(commissions: c.fees, exchange: c.exchangeFees)
        let stream = StreamName.condor(c.condorID)
        if let side = try sideClosed(c, of: state) {
            return try closeSide(side, c, state: state, contracts: contracts, fees: fees, at: at)
        }
        if contracts < state.contracts {
            let payload = CondorPartiallyClosed(condorID: c.condorID, closedLegs: state.strikes.legs(contracts: contracts), contracts: contracts,
                                                remaining: state.contracts - contracts, price: c.price, feeSplit: fees, reason: c.reason,
                                                signals: c.signals, note: c.note)
            return LedgerDecision(appends: [try append(payload, stream: stream, version: state.version, at: at)], condorID: c.condorID)
        }
        let payload = CondorClosed(condorID: c.condorID, closedLegs: state.strikes.legs(contracts: state.contracts), contracts: state.contracts,
                                   price: c.price, feeSplit: fees, reason: c.reason, signals: c.signals, note: c.note)
        return LedgerDecision(appends: [try append(payload, stream: stream, version: state.version, at: at)], condorID: c.condorID)
    }

    /// The side `--side` closes alone: nil when every leg closes (no `--side`, `both`, or a credit
    /// spread's own side); refused when the condor lacks it.
    private func sideClosed(_ c: CloseCondor, of state: CondorState) throws -> RollSide? {
        guard let side = c.side, side != .both else { return nil }
        guard state.strikes.has(side) else {
            throw LedgerValidationError(field: Field.side.name, rule: "condor \(c.condorID.lowercasedString) is a \(state.strikes.structureName): it has no \(side.rawValue) side open to close")
        }
        return state.strikes.isIronCondor ? side : nil
    }

    /// One side of an iron condor bought back: on every open contract, `CondorSideClosed` here; on
    /// some, the contracts continue as a new condor (`CondorSplit`, as a partial roll) whose side closes.
    private func closeSide(_ side: RollSide, _ c: CloseCondor, state: CondorState, contracts: Int, fees: FeeSplit, at: Date) throws -> LedgerDecision {
        let kept = state.strikes.legs(side: side == .put ? .call : .put, contracts: contracts)
        func closed(_ id: UUID) -> CondorSideClosed {
            CondorSideClosed(condorID: id, side: side, expiry: state.expiry, closedLegs: state.strikes.legs(side: side, contracts: contracts),
                             legsAfter: kept, contracts: contracts, price: c.price, feeSplit: fees, reason: c.reason, signals: c.signals, note: c.note)
        }
        guard contracts < state.contracts else {
            return LedgerDecision(appends: [try append(closed(c.condorID), stream: StreamName.condor(c.condorID), version: state.version, at: at)],
                                  condorID: c.condorID)
        }
        return try splitOff(contracts, of: state, condorID: c.condorID, what: "closed", reason: "partial close of the \(side.rawValue) side", at: at) {
            closed($0)
        }
    }

    /// `contracts` of `state` continue as a new condor (id derived from the command id):
    /// `CondorSplit` on the old stream, then `CondorOpenedFromSplit` and `then(newID)` on the new one.
    /// `what` names the action in the message when that condor already exists.
    private func splitOff<P: LedgerEventPayload>(_ contracts: Int, of state: CondorState, condorID: UUID, what: String, reason: String, at: Date,
                                                 then: (UUID) -> P) throws -> LedgerDecision {
        let newID = EventIdentity.entityID(command: context.commandID, kind: "condor")
        guard try reader.events(inStream: StreamName.condor(newID)).isEmpty else {
            throw LedgerValidationError(field: Field.contracts.name, rule: "condor \(newID.lowercasedString), which the \(what) contracts would continue as, already exists")
        }
        let share = CondorSplit.share(of: state, contracts: contracts)
        let split = CondorSplit(condorID: condorID, continuedAs: newID, contracts: contracts, remaining: state.contracts - contracts,
                                cash: share.cash, fees: share.fees, reason: reason)
        let carried = CondorOpenedFromSplit(condorID: newID, splitOff: state, contracts: contracts, cash: share.cash, fees: share.fees)
        return LedgerDecision(appends: [
            try append(split, stream: StreamName.condor(condorID), version: state.version, at: at),
            StreamAppend(streamID: StreamName.condor(newID), expected: .noStream,
                         events: [try newEvent(carried, index: 1, at: at), try newEvent(then(newID), index: 2, at: at)]),
        ], condorID: condorID)
    }

    /// `--contracts N` (nil: every open contract), at most what is open.
    func contractsActedOn(_ given: Int?, of state: CondorState, action: String) throws -> Int {
        guard let given else { return state.contracts }
        guard given <= state.contracts else {
            throw LedgerValidationError(field: Field.contracts.name, rule: "cannot \(action) more than the \(state.contracts) contract\(state.contracts == 1 ? "" : "s") of condor \(state.condorID.lowercasedString) still open (got \(given))")
        }
        return given
    }

    // MARK: legging in

    func legIn(_ c: LegInCondor) throws -> LedgerDecision {
        let state = try openCondorState(c.condorID, action: "legged into")
        let current = state.strikes, id = c.condorID.lowercasedString
        let shortField = c.side == .put ? Field.shortPut : Field.shortCall
        guard !current.isIronCondor else {
            throw LedgerValidationError(field: shortField.name, rule: "condor \(id) is an iron condor already: legging in sells the side a credit spread lacks")
        }
        guard !current.has(c.side) else {
            throw LedgerValidationError(field: shortField.name, rule: "condor \(id) is a \(current.structureName): it has its \(c.side.rawValue) side; leg in the other one")
        }
        let at = try occurredAt(c.at, after: state.lastEventAt)
        let after = c.side == .put
            ? try current.replacing(longPut: c.longStrike, shortPut: c.shortStrike)
            : try current.replacing(shortCall: c.shortStrike, longCall: c.longStrike)
        try MarketRule.credit(c.credit, opening: c.side, of: after, field: Field.credit.name)
        let payload = CondorLeggedIn(condorID: c.condorID, side: c.side, expiry: after.expiry, openedLegs: after.legs(side: c.side, contracts: state.contracts),
                                     legsAfter: after.legs(contracts: state.contracts), contracts: state.contracts, credit: c.credit, fees: c.fees,
                                     signals: c.signals, note: c.note)
        return LedgerDecision(appends: [try append(payload, stream: StreamName.condor(c.condorID), version: state.version, at: at)],
                              condorID: c.condorID)
    }
}
