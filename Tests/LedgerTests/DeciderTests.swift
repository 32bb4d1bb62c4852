import EventStore
import Foundation
@testable import Ledger
import Testing

@Suite("Commands against state")
struct DeciderTests {
    @Test func openRollDeferCloseFoldsTheChain() throws {
        let h = LedgerHarness()
        let id = try h.openStandard()
        var state = try #require(try h.condor(id))
        #expect(state.status == .open && state.version == 1 && state.contracts == 2 && state.portfolio == "main")
        #expect(state.realizedCash == Decimal(string: "2044.8")!) // 10.25 × 100 × 2 − 5.20
        #expect(try h.ledger.events(inStream: StreamName.portfolio("main")).count == 1)

        try h.run("condor roll", [id.uuidString, "--side", "put", "--long-put", "4800", "--short-put", "4850", "--close-price", "6",
                                  "--open-price", "4.5", "--fees", "2.6", "--at", "2026-03-05T15:00:00Z", "--fixed-rule", "stop at 2x", "--alvh", "regime change"])
        state = try #require(try h.condor(id))
        #expect(state.strikes.longPut == 4800 && state.strikes.shortPut == 4850 && state.strikes.shortCall == 5300)
        #expect(state.rolls.count == 1 && state.rolls[0].netCredit == Decimal(string: "-1.5")!)
        #expect(state.cumulativeCredit == Decimal(string: "8.75")!)
        #expect(state.version == 2)

        try h.run("condor roll", [id.uuidString, "--side", "both", "--expiry", "2026-04-17", "--close-price", "3", "--open-price", "5",
                                  "--at", "2026-03-10T15:00:00Z"])
        state = try #require(try h.condor(id))
        #expect(state.expiry == CalendarDate(iso: "2026-04-17") && state.rolls.count == 2 && state.cumulativeCredit == Decimal(string: "10.75")!)

        try h.run("condor defer", [id.uuidString, "--reason", "noise: VIX spike without term-structure inversion", "--at", "2026-03-11T15:00:00Z", "--vix", "24.1", "--vix3m", "22"])
        try h.run("condor close", [id.uuidString, "--price", "2.10", "--fees", "5.20", "--reason", "take-profit", "--at", "2026-03-20T19:00:00Z"])
        state = try #require(try h.condor(id))
        #expect(state.status == .closed && state.deferrals == 1 && state.version == 5)
        #expect(throws: LedgerValidationError(field: "ID", rule: "condor \(id.lowercasedString) is closed; only an open condor can be rolled")) {
            try h.run("condor roll", [id.uuidString, "--side", "put", "--short-put", "4860", "--close-price", "1", "--open-price", "1"])
        }
    }

    /// `--fees` are commissions and `--exchange-fees` exchange and regulatory fees: CondorClosed keeps
    /// both, and the condor's cash pays both. Credit 10.25 × 2 × 100 − 5.20 = 2,044.80 at the open;
    /// closing at 2.10: − 420 − 1.30 − 0.52 = 1,622.98.
    @Test func aCloseRecordsCommissionsAndExchangeFeesApart() throws {
        let h = LedgerHarness()
        let id = try h.openStandard()
        try h.run("condor close", [id.uuidString, "--price", "2.10", "--fees", "1.30", "--exchange-fees", "0.52", "--at", "2026-03-20T19:00:00Z"])
        guard case .condorClosed(let closed) = try #require(h.ledger.appended.last).event else { Issue.record("not a close"); return }
        #expect(closed.feeSplit == FeeSplit(commissions: Decimal(string: "1.3")!, exchange: Decimal(string: "0.52")!))
        #expect(try #require(try h.condor(id)).realizedCash == Decimal(string: "1622.98")!)
        let other = try h.openStandard()
        #expect(throws: LedgerValidationError.self) {
            try h.run("condor close", [other.uuidString, "--price", "2.10", "--exchange-fees", "-1", "--at", "2026-03-20T19:00:00Z"])
        }
    }

    @Test func expiryValuesTheCondorAtSettlement() throws {
        let h = LedgerHarness()
        let id = try h.openStandard(contracts: "1")
        #expect(throws: LedgerValidationError(field: "--at", rule: "a condor cannot expire before its expiry date 2026-03-20 (got 2026-03-19)")) {
            try h.run("condor expire", [id.uuidString, "--settlement", "4930", "--at", "2026-03-19T20:00:00Z"])
        }
        let decision = try h.run("condor expire", [id.uuidString, "--settlement", "4930"])
        let event = try #require(try h.ledger.locate(eventID: decision.eventIDs[0]))
        guard case .condorExpired(let expired) = event.event else { Issue.record("not an expiry"); return }
        #expect(expired.settlementValue == 20)
        #expect(event.occurredAt == instant("2026-03-20T13:30:00Z")) // SPX monthly: AM settlement, 09:30 New York (EDT)
        let state = try #require(try h.condor(id))
        #expect(state.status == .expired)
        #expect(state.realizedCash == Decimal(string: "1019.8")! - 2000)
    }

    @Test func hedgeLayersAddReduceClose() throws {
        let h = LedgerHarness()
        let a = try h.openStandard()
        let b = try h.openStandard()
        let layer = try h.run("hedge add", ["--protects", "\(a.uuidString),\(b.uuidString)", "--instrument", "VIX 2026-03-18 C 25", "--quantity", "10",
                                            "--price", "1.35", "--fees", "6.50", "--tier", "1", "--at", "2026-03-03T15:00:00Z"]).layerID!
        var state = try #require(try h.layer(layer))
        #expect(state.quantity == 10 && state.costBasis == Decimal(string: "1356.5")! && state.portfolio == "main" && state.protects == [a, b])
        #expect(throws: LedgerValidationError(field: "--quantity", rule: "cannot reduce by more than the 10 held (got 11)")) {
            try h.run("hedge reduce", [layer.uuidString, "--quantity", "11", "--price", "2", "--at", "2026-03-04T15:00:00Z"])
        }
        try h.run("hedge reduce", [layer.uuidString, "--quantity", "4", "--price", "2.5", "--fees", "2.6", "--at", "2026-03-04T15:00:00Z"])
        state = try #require(try h.layer(layer))
        #expect(state.quantity == 6 && state.costBasis == Decimal(string: "813.9")!)
        #expect(state.realizedPnL == 1000 - Decimal(string: "2.6")! - Decimal(string: "542.6")!)
        try h.run("hedge close", [layer.uuidString, "--price", "0.5", "--at", "2026-03-05T15:00:00Z"])
        state = try #require(try h.layer(layer))
        #expect(state.status == .closed && state.quantity == 0 && state.costBasis == 0)
        #expect(throws: LedgerValidationError.self) { try h.run("hedge close", [layer.uuidString, "--price", "0.5"]) }

        let portfolioLayer = try h.run("hedge add", ["--portfolio", "main", "--instrument", "VXX", "--quantity", "100", "--price", "45.10"]).layerID!
        #expect(try h.layer(portfolioLayer)?.protects == [])
        #expect(throws: LedgerValidationError(field: "--portfolio", rule: "no portfolio 'other' (open a condor in it or run alvh portfolio add first)")) {
            try h.run("hedge add", ["--portfolio", "other", "--instrument", "VXX", "--quantity", "100", "--price", "45.10"])
        }
        try h.run("portfolio add", ["other"])
        try h.run("hedge add", ["--portfolio", "other", "--instrument", "VX 2026-04", "--quantity", "1", "--price", "19.05"])
    }

    @Test func stateRulesAreRefused() throws {
        let h = LedgerHarness()
        let id = try h.openStandard(at: "2026-03-02T15:00:00Z")
        let unknown = UUID()
        #expect(throws: LedgerValidationError(field: "ID", rule: "no condor \(unknown.lowercasedString)")) {
            try h.run("condor defer", [unknown.uuidString, "--reason", "x"])
        }
        #expect(throws: LedgerValidationError(field: "--at", rule: "must not be earlier than the stream's last event at 2026-03-02T15:00:00Z (got 2026-03-01T15:00:00Z)")) {
            try h.run("condor defer", [id.uuidString, "--reason", "x", "--at", "2026-03-01T15:00:00Z"])
        }
        #expect(throws: LedgerValidationError(field: "--expiry", rule: "expiry 2026-02-27 is before the trade date 2026-03-02")) {
            try h.run("condor open", ["--portfolio", "p", "--underlying", "SPXW", "--expiry", "2026-02-27", "--long-put", "1", "--short-put", "2",
                                      "--short-call", "3", "--long-call", "4", "--contracts", "1", "--credit", "0.5"])
        }
        #expect(throws: LedgerValidationError(field: "--expiry", rule: "a new expiry moves every leg (a condor's legs share one expiry): use --side both")) {
            try h.run("condor roll", [id.uuidString, "--side", "put", "--expiry", "2026-04-17", "--close-price", "1", "--open-price", "1"])
        }
        #expect(throws: LedgerValidationError(field: "--short-put", rule: "must be above --long-put (got 4950 ≤ 5000)")) {
            try h.run("condor roll", [id.uuidString, "--side", "put", "--long-put", "5000", "--close-price", "1", "--open-price", "1"])
        }
        #expect(throws: LedgerValidationError(field: "--side", rule: "a roll must change the expiry or a strike of the call side")) {
            try h.run("condor roll", [id.uuidString, "--side", "call", "--close-price", "1", "--open-price", "1"])
        }
        #expect(throws: LedgerValidationError(field: "--short-call", rule: "cannot change call strikes when rolling --side put")) {
            try h.run("condor roll", [id.uuidString, "--side", "put", "--short-call", "5400", "--close-price", "1", "--open-price", "1"])
        }
        #expect(throws: LedgerValidationError(field: "--id", rule: "condor \(id.lowercasedString) already exists")) {
            try h.run("condor open", ["--id", id.uuidString, "--portfolio", "p", "--underlying", "XSP", "--expiry", "2026-03-20", "--long-put", "1",
                                      "--short-put", "2", "--short-call", "3", "--long-call", "4", "--contracts", "1", "--credit", "0.5"])
        }
        #expect(throws: LedgerValidationError(field: "--instrument", rule: "expiry 2026-02-18 is before the trade date 2026-03-02")) {
            try h.run("hedge add", ["--protects", id.uuidString, "--instrument", "VIX 2026-02-18 C 25", "--quantity", "1", "--price", "1"])
        }
        #expect(throws: LedgerValidationError(field: "--protects", rule: "give either --protects or --portfolio, not both")) {
            try h.run("hedge add", ["--protects", id.uuidString, "--portfolio", "main", "--instrument", "VXX", "--quantity", "1", "--price", "1"])
        }
        #expect(throws: LedgerValidationError(field: "--instrument", rule: "VIX future 2026-02 expired before the trade date 2026-03-02")) {
            try h.run("hedge add", ["--protects", id.uuidString, "--instrument", "VX 2026-02", "--quantity", "1", "--price", "1"])
        }
        #expect(throws: LedgerValidationError(field: "--at", rule: "must not be earlier than the opening of condor \(id.lowercasedString) at 2026-03-02T15:00:00Z (got 2026-03-01T15:00:00Z)")) {
            try h.run("hedge add", ["--protects", id.uuidString, "--instrument", "VXX", "--quantity", "1", "--price", "1", "--at", "2026-03-01T15:00:00Z"])
        }
        let other = try h.openStandard(portfolio: "second")
        #expect(throws: LedgerValidationError(field: "--protects", rule: "condors belong to different portfolios ('main' and 'second'); a layer protects one portfolio")) {
            try h.run("hedge add", ["--protects", "\(id.uuidString),\(other.uuidString)", "--instrument", "VXX", "--quantity", "1", "--price", "1"])
        }
        #expect(h.ledger.appended.count == 4) // two condors, two portfolios: nothing else was written
    }

    @Test func marksKeepTimeOrderAndAnyCanBeVoided() throws {
        let h = LedgerHarness()
        let first = try h.run("mark", ["--at", "2026-03-02T21:00:00Z", "--spx", "5012.37", "--vix", "17.5", "--vix3m", "19.1", "--vx", "2026-03=18.2",
                                       "--vx", "2026-04=19.0", "--quote", "2026-03-20 P 4950=12.5/13.1@0.21"]).eventIDs[0]
        try h.run("mark", ["--at", "2026-03-03T21:00:00Z", "--spx", "4990", "--vix", "19"])
        #expect(throws: LedgerValidationError.self) { try h.run("mark", ["--at", "2026-03-03T20:00:00Z", "--spx", "4990", "--vix", "19"]) }
        var duplicate = CommandArguments(tokens: ["--at", "2026-03-04T21:00:00Z", "--spx", "1", "--vix", "1"])
        duplicate.set("--vx", all: ["2026-03=18", "2026-03=19"])
        #expect(throws: LedgerValidationError(field: "--vx", rule: "gives month 2026-03 twice")) { try RecordMarket.parse(duplicate) }
        let voided = try h.run("void", [first.uuidString, "--reason", "wrong feed"])
        // The feed's first mark recorded the default market model with it: mark, model, mark.
        #expect(voided.appends[0].streamID == "market-spx" && voided.appends[0].expected == .exact(3))
        #expect(throws: LedgerValidationError(field: "EVENT-ID", rule: "event \(first.lowercasedString) is already voided")) {
            try h.run("void", [first.uuidString, "--reason", "again"])
        }
        #expect(throws: LedgerValidationError(field: "EVENT-ID", rule: "a correction (EventVoided) cannot itself be voided")) {
            try h.run("void", [voided.eventIDs[0].uuidString, "--reason", "undo"])
        }
    }

    /// The head an in-memory ledger keeps for a feed (so a mark need not fold the feed's marks) is
    /// the one folded from the stream, through marks, a model change, a voided model and an overlay.
    @Test func keptStreamHeadIsTheFoldedOne() throws {
        let h = LedgerHarness()
        func check(_ ledger: InMemoryLedger, _ stream: String = "market-spx") throws {
            #expect(try ledger.head(ofStream: stream) == StreamHead(EffectiveStream(try ledger.events(inStream: stream))))
        }
        @discardableResult
        func record(_ ledger: InMemoryLedger, _ command: LedgerCommand, at: String) throws -> LedgerDecision {
            let context = CommandContext(commandID: UUID(), actor: "tester", toolVersion: "test", now: instant(at))
            let decision = try LedgerDecider(reader: ledger, context: context).decide(command)
            try ledger.append(decision.appends)
            return decision
        }
        try check(h.ledger)
        try h.run("mark", ["--at", "2026-03-02T21:00:00Z", "--spx", "5012.37", "--vix", "17.5"])
        try check(h.ledger)
        #expect(try h.ledger.head(ofStream: "market-spx") == StreamHead(version: 2, lastOccurredAt: instant("2026-03-02T21:00:00Z"), hasMarketModel: true))
        let model = try record(h.ledger, .setMarketModel(SetMarketModel(feed: "spx", model: .standard, note: "again")), at: "2026-03-03T21:00:00Z").eventIDs[0]
        try check(h.ledger)
        try h.run("void", [model.uuidString, "--reason", "typo"])
        try check(h.ledger)
        try h.run("mark", ["--at", "2026-03-04T21:00:00Z", "--spx", "4990", "--vix", "19"])
        try check(h.ledger)
        let overlay = InMemoryLedger(base: h.ledger)
        try check(overlay)
        try record(overlay, .recordMarket(RecordMarket(at: instant("2026-03-05T21:00:00Z"), spx: 5000, vix: 18)), at: "2026-03-05T21:00:00Z")
        try check(overlay)
        #expect(try overlay.head(ofStream: "market-spx").version == 6)
    }

    @Test func voidingUndoesTheLatestEventOnly() throws {
        let h = LedgerHarness()
        let id = try h.openStandard()
        let open = try h.ledger.events(inStream: StreamName.condor(id))[0].eventID
        let roll = try h.run("condor roll", [id.uuidString, "--side", "call", "--short-call", "5400", "--long-call", "5450", "--close-price", "1",
                                             "--open-price", "2", "--at", "2026-03-09T15:00:00Z"]).eventIDs[0]
        #expect(throws: LedgerValidationError.self) { try h.run("void", [open.uuidString, "--reason", "x"]) }
        try h.run("void", [roll.uuidString, "--reason", "fat finger: \"5400\" was 5500"])
        let state = try #require(try h.condor(id))
        #expect(state.strikes.shortCall == 5300 && state.rolls.isEmpty && state.version == 3)
        // The voided roll no longer counts toward the stream's last time.
        try h.run("condor defer", [id.uuidString, "--reason", "x", "--at", "2026-03-05T15:00:00Z"])
        #expect(try h.condor(id)?.version == 4)
        let missing = UUID()
        #expect(throws: LedgerValidationError(field: "EVENT-ID", rule: "no event \(missing.lowercasedString)")) {
            try h.run("void", [missing.uuidString, "--reason", "x"])
        }
    }

    @Test func aRetriedCommandIDProducesTheSameEventsAndReplays() throws {
        let h = LedgerHarness()
        let command = UUID()
        let tokens = ["--portfolio", "main", "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900", "--short-put", "4950",
                      "--short-call", "5300", "--long-call", "5350", "--contracts", "1", "--credit", "10", "--at", "2026-03-02T15:00:00Z"]
        let context = CommandContext(commandID: command, actor: "a", toolVersion: "t", now: h.now)
        let decision = try LedgerDecider(reader: h.ledger, context: context).decide(.openCondor(try OpenCondor.parse(CommandArguments(tokens: tokens))))
        let first = try h.ledger.append(decision.appends)
        let again = try LedgerDecider(reader: InMemoryLedger(), context: context).decide(.openCondor(try OpenCondor.parse(CommandArguments(tokens: tokens))))
        #expect(again.eventIDs == decision.eventIDs && again.condorID == decision.condorID)
        let replay = try h.ledger.append(again.appends)
        #expect(replay.allSatisfy(\.wasIdempotentReplay) && replay.map(\.positions) == first.map(\.positions))
        #expect(h.ledger.appended.count == 2)
        #expect(EventIdentity.eventID(command: command, index: 0) != EventIdentity.eventID(command: command, index: 1))
        #expect(EventIdentity.eventID(command: command, index: 0).uuidString.dropFirst(14).first == "8") // version 8 UUID
    }

    @Test func metadataNamesTheCommandActorAndTool() throws {
        let h = LedgerHarness()
        let id = try h.openStandard()
        let raw = try #require(try h.ledger.events(inStream: StreamName.condor(id)).first)
        #expect(raw.event.type == "CondorOpened")
        let context = CommandContext(commandID: UUID(), actor: "trader", toolVersion: "0.1.0")
        let data = try LedgerJSON.encode(context.metadata)
        let metadata = try LedgerJSON.decode(EventMetadata.self, from: data)
        #expect(metadata.actor == "trader" && metadata.toolVersion == "0.1.0" && metadata.correlationID == context.commandID)
    }
}
