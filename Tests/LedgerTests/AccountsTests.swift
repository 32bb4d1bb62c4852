import EventStore
import Foundation
@testable import Ledger
import Testing

/// Issue 16: credit spreads (condors with one side), legging in, partial closes and rolls,
/// multi-leg hedge layers and the rules the market implies.
@Suite("Real accounts")
struct AccountsTests {
    /// Opens a 2-contract SPX put credit spread 4900/4950 for 3.10 (fees 2.60): cash 3.10 × 100 × 2 − 2.60 = 617.40.
    func openPutSpread(_ h: LedgerHarness) throws -> UUID {
        try h.run("condor open", ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900", "--short-put", "4950",
                                  "--contracts", "2", "--credit", "3.10", "--fees", "2.60", "--at", "2026-03-02T15:00:00Z"]).condorID!
    }

    @Test func aPutCreditSpreadIsACondorWithOneSide() throws {
        let h = LedgerHarness()
        let id = try openPutSpread(h)
        let state = try #require(try h.condor(id))
        #expect(state.strikes.structureName == "put credit spread" && state.strikes.sides == .put && !state.strikes.isIronCondor)
        #expect(state.strikes.widestWing == 50 && state.strikes.shortCall == nil && state.strikes.longCall == nil)
        #expect(state.realizedCash == Decimal(string: "617.4")! && state.contracts == 2)
        guard case .condorOpened(let opened) = try #require(h.ledger.appended.last).event else { Issue.record("not an opening"); return }
        #expect(opened.legs.count == 2 && opened.legs.map(\.right) == [.put, .put] && opened.legs.map(\.quantity) == [2, -2])
        #expect(state.strikes.settlementValue(at: 4930) == 20 && state.strikes.settlementValue(at: 6000) == 0 && state.strikes.settlementValue(at: 10) == 50)
    }

    @Test func aCallCreditSpreadNeedsBothItsStrikes() throws {
        let h = LedgerHarness()
        #expect(throws: LedgerValidationError(field: "--long-call", rule: "is required with --short-call: a call credit spread has a long and a short call")) {
            try h.run("condor open", ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--short-call", "5300",
                                      "--contracts", "1", "--credit", "2", "--at", "2026-03-02T15:00:00Z"])
        }
        #expect(throws: LedgerValidationError(field: "--short-put", rule: "give the put side (--long-put, --short-put), the call side (--short-call, --long-call) or both")) {
            try h.run("condor open", ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--contracts", "1", "--credit", "2",
                                      "--at", "2026-03-02T15:00:00Z"])
        }
        let id = try h.run("condor open", ["--portfolio", "main", "--underlying", "SPXW", "--expiry", "2026-03-20", "--short-call", "5300",
                                           "--long-call", "5325", "--contracts", "1", "--credit", "2", "--at", "2026-03-02T15:00:00Z"]).condorID!
        #expect(try #require(try h.condor(id)).strikes.strikesText == "5300/5325 call spread")
        #expect(h.ledger.appended.count == 2)  // the portfolio and the spread; nothing from the refused ones
    }

    /// Issue 16 point 4: a credit of 60 on 50-point wings could never lose: refused, nothing written.
    @Test func aCreditAtOrAboveTheWidestWingIsRefused() throws {
        let h = LedgerHarness()
        #expect(throws: LedgerValidationError(field: "--credit", rule: "the credit of an iron condor must be below its widest wing (50 points), the most it can lose (got 60)")) {
            try h.run("condor open", ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900", "--short-put", "4950",
                                      "--short-call", "5300", "--long-call", "5350", "--contracts", "1", "--credit", "60", "--at", "2026-03-02T15:00:00Z"])
        }
        #expect(throws: LedgerValidationError(field: "--credit", rule: "the credit of a put credit spread must be below its width (50 points), the most it can lose (got 50)")) {
            try h.run("condor open", ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900", "--short-put", "4950",
                                      "--contracts", "1", "--credit", "50", "--at", "2026-03-02T15:00:00Z"])
        }
        #expect(h.ledger.appended.isEmpty)
    }

    /// Selling the missing side on the same expiry and quantity completes the spread into an iron condor.
    @Test func leggingInCompletesASpread() throws {
        let h = LedgerHarness()
        let id = try openPutSpread(h)
        #expect(throws: LedgerValidationError(field: "--credit", rule: "the credit for the new call spread must be below its width (50 points) (got 50)")) {
            try h.run("condor leg-in", [id.uuidString, "--short-call", "5300", "--long-call", "5350", "--credit", "50", "--at", "2026-03-03T15:00:00Z"])
        }
        try h.run("condor leg-in", [id.uuidString, "--short-call", "5300", "--long-call", "5350", "--credit", "2.40", "--fees", "2.60",
                                    "--at", "2026-03-03T15:00:00Z"])
        let state = try #require(try h.condor(id))
        #expect(state.strikes.isIronCondor && state.strikes.strikesText == "4900/4950/5300/5350" && state.contracts == 2)
        #expect(state.cumulativeCredit == Decimal(string: "5.5")! && state.openingCredit == Decimal(string: "3.1")!)
        #expect(state.realizedCash == Decimal(string: "1094.8")!)  // 617.40 + 2.40 × 100 × 2 − 2.60
        guard case .condorLeggedIn(let leg) = try #require(h.ledger.appended.last).event else { Issue.record("not a leg-in"); return }
        #expect(leg.side == .call && leg.openedLegs.count == 2 && leg.legsAfter.count == 4)
        #expect(throws: LedgerValidationError(field: "--short-put", rule: "condor \(id.lowercasedString) is an iron condor already: legging in sells the side a credit spread lacks")) {
            try h.run("condor leg-in", [id.uuidString, "--long-put", "4800", "--short-put", "4850", "--credit", "1", "--at", "2026-03-04T15:00:00Z"])
        }
        // A call strike below the short put does not make a condor.
        let other = try openPutSpread(h)
        #expect(throws: LedgerValidationError.self) {
            try h.run("condor leg-in", [other.uuidString, "--short-call", "4940", "--long-call", "5000", "--credit", "1", "--at", "2026-03-04T15:00:00Z"])
        }
    }

    /// Rolling a spread's own side with a new expiry moves every leg it has; the missing side cannot be rolled.
    @Test func aSpreadRollsItsOwnSide() throws {
        let h = LedgerHarness()
        let id = try openPutSpread(h)
        #expect(throws: LedgerValidationError(field: "--side", rule: "condor \(id.lowercasedString) is a put credit spread: it has no call side to roll")) {
            try h.run("condor roll", [id.uuidString, "--side", "call", "--short-call", "5300", "--close-price", "1", "--open-price", "1",
                                      "--at", "2026-03-03T15:00:00Z"])
        }
        try h.run("condor roll", [id.uuidString, "--side", "put", "--expiry", "2026-04-17", "--long-put", "4800", "--short-put", "4850",
                                  "--close-price", "4", "--open-price", "5", "--at", "2026-03-03T15:00:00Z"])
        let state = try #require(try h.condor(id))
        #expect(state.expiry == CalendarDate(iso: "2026-04-17") && state.strikes.strikesText == "4800/4850 put spread")
        #expect(state.cumulativeCredit == Decimal(string: "4.1")! && state.rolls.count == 1)
    }

    /// `condor close --contracts N`: N leave, the rest stay open under the same id, with the history.
    @Test func aPartialCloseKeepsTheRestOpen() throws {
        let h = LedgerHarness()
        let id = try h.openStandard()  // 2 contracts, cash 2,044.80
        try h.run("condor close", [id.uuidString, "--contracts", "1", "--price", "3.40", "--fees", "2.60", "--reason", "take-profit",
                                   "--at", "2026-03-05T15:00:00Z"])
        var state = try #require(try h.condor(id))
        #expect(state.status == .open && state.contracts == 1 && state.openedContracts == 2)
        #expect(state.realizedCash == Decimal(string: "1702.2")!)  // 2,044.80 − 3.40 × 100 − 2.60
        #expect(state.reductions.count == 1 && state.reductions[0].kind == .close && state.reductions[0].contracts == 1
                && state.reductions[0].price == Decimal(string: "3.4")!)
        guard case .condorPartiallyClosed(let partial) = try #require(h.ledger.appended.last).event else { Issue.record("not a partial close"); return }
        #expect(partial.remaining == 1 && partial.closedLegs.map(\.quantity) == [1, -1, -1, 1])

        let count = h.ledger.appended.count
        #expect(throws: LedgerValidationError(field: "--contracts", rule: "cannot close more than the 1 contract of condor \(id.lowercasedString) still open (got 2)")) {
            try h.run("condor close", [id.uuidString, "--contracts", "2", "--price", "1", "--at", "2026-03-06T15:00:00Z"])
        }
        #expect(h.ledger.appended.count == count)
        try h.run("condor close", [id.uuidString, "--contracts", "1", "--price", "2.10", "--fees", "1.30", "--at", "2026-03-06T15:00:00Z"])
        state = try #require(try h.condor(id))
        #expect(state.status == .closed && state.realizedCash == Decimal(string: "1490.9")!)
    }

    /// `condor close --side put`: the put side is bought back, the call side stays open under the
    /// same id as a call credit spread; the debit comes off the cumulative credit. A side that is
    /// not open is refused (nothing written); closing a spread's own side closes it.
    @Test func closingOneSideLeavesTheOtherOpen() throws {
        let h = LedgerHarness()
        let id = try h.openStandard()  // 4900/4950/5300/5350 ×2 at 10.25, cash 2,044.80
        try h.run("condor close", [id.uuidString, "--side", "put", "--price", "0.40", "--fees", "2.60", "--exchange-fees", "0.10",
                                   "--at", "2026-03-05T15:00:00Z"])
        var state = try #require(try h.condor(id))
        #expect(state.status == .open && state.contracts == 2 && state.strikes.strikesText == "5300/5350 call spread")
        #expect(state.realizedCash == Decimal(string: "1962.1")!)  // 2,044.80 − 0.40 × 100 × 2 − 2.70
        #expect(state.cumulativeCredit == Decimal(string: "9.85")! && state.fees == Decimal(string: "7.9")!)
        guard case .condorSideClosed(let closed) = try #require(h.ledger.appended.last).event else { Issue.record("not a side close"); return }
        #expect(closed.side == .put && closed.closedLegs.map(\.strike) == [4900, 4950] && closed.closedLegs.map(\.quantity) == [2, -2])
        #expect(closed.legsAfter.map(\.strike) == [5300, 5350] && closed.fees == Decimal(string: "2.7")!)

        let count = h.ledger.appended.count
        #expect(throws: LedgerValidationError(field: "--side", rule: "condor \(id.lowercasedString) is a call credit spread: it has no put side open to close")) {
            try h.run("condor close", [id.uuidString, "--side", "put", "--price", "0.10", "--at", "2026-03-06T15:00:00Z"])
        }
        #expect(throws: LedgerValidationError(field: "--contracts", rule: "cannot close more than the 2 contracts of condor \(id.lowercasedString) still open (got 3)")) {
            try h.run("condor close", [id.uuidString, "--side", "call", "--contracts", "3", "--price", "0.10", "--at", "2026-03-06T15:00:00Z"])
        }
        #expect(h.ledger.appended.count == count)
        try h.run("condor close", [id.uuidString, "--side", "call", "--price", "1.10", "--at", "2026-03-06T15:00:00Z"])
        state = try #require(try h.condor(id))
        #expect(state.status == .closed && state.realizedCash == Decimal(string: "1742.1")!)
        guard case .condorClosed = try #require(h.ledger.appended.last).event else { Issue.record("a spread's own side closes it"); return }
    }

    /// `condor close --side call --contracts 1` on 3: that contract continues as a new condor (a
    /// split, as a partial roll) whose call side is closed; the other 2 stay an iron condor.
    @Test func closingOneSideOfSomeContractsSplitsThemOff() throws {
        let h = LedgerHarness()
        let id = try h.openStandard(contracts: "3")  // cash 3 × 1,025 − 5.20 = 3,069.80
        let command = UUID()
        try h.run("condor close", [id.uuidString, "--side", "call", "--contracts", "1", "--price", "6", "--fees", "1.30", "--at", "2026-03-05T15:00:00Z"],
                  commandID: command)
        let newID = EventIdentity.entityID(command: command, kind: "condor")
        let rest = try #require(try h.condor(id)), split = try #require(try h.condor(newID))
        #expect(rest.contracts == 2 && rest.strikes.isIronCondor && rest.reductions.first?.continuedAs == newID)
        #expect(split.contracts == 1 && split.strikes.strikesText == "4900/4950 put spread" && split.splitFrom == id && split.status == .open)
        #expect(split.cumulativeCredit == Decimal(string: "4.25")!)
        #expect(rest.realizedCash + split.realizedCash == Decimal(string: "2468.5")!)  // 3,069.80 − 600 − 1.30: nothing lost
        #expect(try h.ledger.events(inStream: StreamName.condor(newID)).map(\.event.type) == ["CondorOpenedFromSplit", "CondorSideClosed"])
    }

    /// `condor roll --contracts N`: the N rolled continue as a new condor (its id derived from the
    /// command id) with their share of cash and fees; the rest stay. Voiding the split voids both halves.
    @Test func aPartialRollSplitsOffTheRolledContracts() throws {
        let h = LedgerHarness()
        let id = try h.openStandard(contracts: "3")  // cash 3 × 1,025 − 5.20 = 3,069.80
        let command = UUID()
        try h.run("condor roll", [id.uuidString, "--contracts", "1", "--side", "put", "--long-put", "4800", "--short-put", "4850", "--close-price", "6",
                                  "--open-price", "4.5", "--fees", "2.6", "--at", "2026-03-05T15:00:00Z"], commandID: command)
        let newID = EventIdentity.entityID(command: command, kind: "condor")
        let rest = try #require(try h.condor(id))
        let rolled = try #require(try h.condor(newID))
        #expect(rest.contracts == 2 && rest.strikes.longPut == 4900 && rest.rolls.isEmpty && rest.reductions.first?.continuedAs == newID)
        #expect(rolled.contracts == 1 && rolled.strikes.strikesText == "4800/4850/5300/5350" && rolled.rollCount == 1 && rolled.splitFrom == id)
        #expect(rolled.openedAt == rest.openedAt && rolled.cumulativeCredit == Decimal(string: "8.75")!)
        #expect(rest.realizedCash == Decimal(string: "2046.533333")!)
        #expect(rolled.realizedCash == Decimal(string: "870.666667")!)  // 1,023.266667 − 1.50 × 100 − 2.60
        #expect(rest.realizedCash + rolled.realizedCash == Decimal(string: "2917.2")!)  // nothing lost: 3,069.80 − 150 − 2.60
        #expect(rest.fees + rolled.fees == Decimal(string: "7.8")!)

        let split = try #require(try h.ledger.events(inStream: StreamName.condor(id)).last)
        #expect(throws: LedgerValidationError.self) {  // the new condor's roll is later: it goes first
            try h.run("void", [split.eventID.uuidString, "--reason", "wrong order"])
        }
        let roll = try #require(try h.ledger.events(inStream: StreamName.condor(newID)).last)
        try h.run("void", [roll.eventID.uuidString, "--reason", "wrong order"])
        try h.run("void", [split.eventID.uuidString, "--reason", "wrong order"])
        #expect(try #require(try h.condor(id)).contracts == 3 && (try h.condor(newID)) == nil)
    }

    /// `--leg` makes one layer of several legs: units are the common divisor of the quantities,
    /// the price their net debit per unit; reduce and close act on units.
    @Test func aVIXCallSpreadIsOneLayer() throws {
        let h = LedgerHarness()
        _ = try h.openStandard()
        let id = try h.run("hedge add", ["--portfolio", "main", "--leg", "VIX 2026-03-18 C 22=+2@1.15", "--leg", "VIX 2026-03-18 C 30=-2@0.35",
                                         "--fees", "2.60", "--at", "2026-03-03T15:00:00Z"]).layerID!
        var state = try #require(try h.layer(id))
        #expect(state.quantity == 2 && state.multiplier == 100 && state.instrument == nil)
        #expect(state.legs.legs.map(\.ratio) == [1, -1] && state.legs.netPrice == Decimal(string: "0.8")!)
        #expect(state.legs.spec == "VIX 2026-03-18 C 22=+1; VIX 2026-03-18 C 30=-1")
        #expect(state.costBasis == Decimal(string: "162.6")!)  // 0.80 × 100 × 2 + 2.60
        try h.run("hedge reduce", [id.uuidString, "--quantity", "1", "--price", "1.50", "--fees", "1.30", "--at", "2026-03-04T15:00:00Z"])
        state = try #require(try h.layer(id))
        #expect(state.quantity == 1 && state.realizedPnL == Decimal(string: "67.4")! && state.costBasis == Decimal(string: "81.3")!)
        try h.run("hedge close", [id.uuidString, "--price", "2", "--fees", "1.30", "--at", "2026-03-05T15:00:00Z"])
        state = try #require(try h.layer(id))
        #expect(state.status == .closed && state.realizedPnL == Decimal(string: "184.8")!)
    }

    @Test func aLayersLegsAreOneUnderlyingAndCostADebit() throws {
        let h = LedgerHarness()
        _ = try h.openStandard()
        let count = h.ledger.appended.count
        #expect(throws: LedgerValidationError(field: "--leg", rule: "a layer's legs must be on one underlying (got VIX and VXX)")) {
            try h.run("hedge add", ["--portfolio", "main", "--leg", "VIX 2026-03-18 C 22=+1@1.15", "--leg", "VXX=-10@20", "--at", "2026-03-03T15:00:00Z"])
        }
        #expect(throws: LedgerValidationError(field: "--leg", rule: "a layer is bought: its legs must cost a net debit (got a net credit of 0.8 per unit)")) {
            try h.run("hedge add", ["--portfolio", "main", "--leg", "VIX 2026-03-18 C 22=+1@0.35", "--leg", "VIX 2026-03-18 C 30=-1@1.15",
                                    "--at", "2026-03-03T15:00:00Z"])
        }
        #expect(throws: LedgerValidationError(field: "--instrument", rule: "give either --instrument with --quantity and --price, or --leg for each leg, not both")) {
            try h.run("hedge add", ["--portfolio", "main", "--instrument", "VXX", "--leg", "VIX 2026-03-18 C 22=+1@1.15", "--at", "2026-03-03T15:00:00Z"])
        }
        #expect(throws: LedgerValidationError(field: "--leg", rule: "expected 'INSTRUMENT=±QUANTITY@PRICE', e.g. 'VIX 2026-01-21 C 22=+2@1.15' (got 'VIX 2026-03-18 C 22+1@1')")) {
            try h.run("hedge add", ["--portfolio", "main", "--leg", "VIX 2026-03-18 C 22+1@1", "--at", "2026-03-03T15:00:00Z"])
        }
        #expect(h.ledger.appended.count == count)
    }

    /// Schema version 1 of HedgeLayerAdded (one `instrument`) reads as a layer of one leg; version 1
    /// of CondorOpened (four legs) reads unchanged.
    @Test func version1PayloadsStillRead() throws {
        let v1 = """
            {"fees":"6.5","instrument":{"expiry":"2026-03-18","kind":"vix-option","right":"C","spec":"VIX 2026-03-18 C 25","strike":"25"},\
            "layerID":"7a1e0c52-9b3d-4e6f-8a2b-1c3d5e7f9a0b","multiplier":"100","portfolio":"income","price":"1.35",\
            "protects":["3f2b8c1e-0d4a-4c55-9a7e-2b1c0f9e8d71"],"quantity":10,"reason":"noise: defer and hedge","signals":{"vix":"24.5"},"tier":1}
            """
        let event = try LedgerEvent(type: "HedgeLayerAdded", schemaVersion: 1, data: Data(v1.utf8))
        guard case .hedgeLayerAdded(let added) = event else { Issue.record("not a layer"); return }
        #expect(added == HedgeLayerAdded.example)
        #expect(added.legs.single == .vixOption(expiry: CalendarDate(iso: "2026-03-18")!, right: .call, strike: 25) && added.price == Decimal(string: "1.35")!)
        let opened = try LedgerEvent(type: "CondorOpened", schemaVersion: 1, data: try CondorOpened.example.event.encodedData())
        #expect(opened == CondorOpened.example.event)
        #expect(EventUpcasting.currentVersions["HedgeLayerAdded"] == 2 && EventUpcasting.currentVersions["CondorOpened"] == 2)
    }
}
