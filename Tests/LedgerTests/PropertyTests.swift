import EventStore
import Foundation
@testable import Ledger
import Testing

/// Random valid command sequences always leave a ledger whose streams replay to a valid state; and
/// the same commands made invalid (an `--at` before the stream's last event) are refused without
/// writing anything.
@Suite("Random trading sessions")
struct PropertyTests {
    @Test(arguments: [1, 7, 42, 2026, 0xBEEF] as [UInt64])
    func randomSessionsReplayToValidStates(seed: UInt64) throws {
        let h = LedgerHarness()
        var session = RandomTradingSession(seed: seed)
        var refusedChecked = 0
        for _ in 0..<250 {
            let step = try session.next(reading: h.ledger)
            if ["condor roll", "condor defer", "condor close", "hedge reduce", "hedge close"].contains(step.name),
               let atIndex = step.tokens.firstIndex(of: "--at"), let id = UUID(uuidString: step.tokens[0]) {
                let stream = step.name.hasPrefix("condor") ? StreamName.condor(id) : StreamName.hedge(id)
                let last = try #require(EffectiveStream(try h.ledger.events(inStream: stream)).lastOccurredAt)
                var early = step.tokens
                early[atIndex + 1] = LedgerDecider.iso(last - 1)
                let before = h.ledger.appended.count
                #expect(throws: LedgerValidationError.self) { try h.run(step.name, early) }
                #expect(h.ledger.appended.count == before)
                refusedChecked += 1
            }
            do {
                try h.run(step.name, step.tokens)
            } catch {
                Issue.record("seed \(seed): generated step \(step.name) \(step.tokens) was refused: \(error)")
                return
            }
        }
        #expect(refusedChecked > 20)
        try LedgerInvariants.check(h.ledger, condors: session.condors, layers: session.layers)
        let kinds = Set(h.ledger.appended.map(\.event.type))
        #expect(kinds.isSuperset(of: ["CondorOpened", "CondorRolled", "RollDeferred", "HedgeLayerAdded", "MarketObserved", "EventVoided",
                                           "CondorSideClosed", "CondorSplit"]))
    }
}

/// The invariants every replayed ledger satisfies.
enum LedgerInvariants {
    static func check(_ reader: any LedgerReading, condors: [UUID], layers: [UUID]) throws {
        for id in condors {
            let events = try reader.events(inStream: StreamName.condor(id))
            try checkVersions(events)
            let state = try #require(CondorState.fold(events), "condor \(id) folds")
            _ = try IronCondorLegs(expiry: state.expiry, longPut: state.strikes.longPut, shortPut: state.strikes.shortPut,
                                   shortCall: state.strikes.shortCall, longCall: state.strikes.longCall)
            #expect(state.contracts >= 1)
            #expect(state.version == Int64(events.count))
            // Legging in adds its credit, closing one side takes off its debit; a condor split off another
            // carries the credit its rolls made there.
            let adjustments = EffectiveStream(events).effective.reduce(Decimal(0)) { total, item in
                switch item.event {
                case .condorLeggedIn(let leg): total + leg.credit
                case .condorSideClosed(let close): total - close.price
                default: total
                }
            }
            if state.splitFrom == nil {
                #expect(state.cumulativeCredit == state.openingCredit + state.rolls.reduce(0) { $0 + $1.netCredit } + adjustments)
            }
            try checkTimes(events)
        }
        for id in layers {
            let events = try reader.events(inStream: StreamName.hedge(id))
            try checkVersions(events)
            let state = try #require(HedgeLayerState.fold(events), "layer \(id) folds")
            #expect(state.quantity >= 0)
            #expect(state.costBasis >= 0)
            #expect((state.status == .closed) == (state.quantity == 0))
            try checkTimes(events)
        }
    }

    static func checkVersions(_ events: [LedgerStreamEvent]) throws {
        #expect(events.map(\.version) == Array(1...Int64(max(events.count, 1))).prefix(events.count).map { $0 })
    }

    static func checkTimes(_ events: [LedgerStreamEvent]) throws {
        let times = EffectiveStream(events).effective.map(\.occurredAt)
        #expect(times == times.sorted())
    }
}
