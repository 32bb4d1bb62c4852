import EventStore
import Foundation
@testable import Ledger
import Testing

@Suite("CSV import")
struct ImportTests {
    static let good = """
    command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,fees,at,side,close-price,open-price,reason,instrument,quantity,price,protects,spx,vix,vx,quote
    condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,2,10.25,5.20,2026-03-02T15:00:00Z,,,,,,,,,,,,
    mark,,,,,,,,,,,,2026-03-02T21:00:00Z,,,,,,,,,5012.5,17.2,2026-03=18.1;2026-04=19,2026-03-20 P 4950=12.5/13.1@0.21
    condor roll,line:2,,,,4850,4900,,,,,2.6,2026-03-05T15:00:00Z,put,6,4.5,"VIX spike, ""regime"" change",,,,,,,,
    hedge add,,,,,,,,,,,6.5,2026-03-05T16:00:00Z,,,,,VIX 2026-03-18 C 25,10,1.35,line:2,,,,
    hedge reduce,line:5,,,,,,,,,,,2026-03-06T16:00:00Z,,,,,,4,2.5,,,,,
    condor close,line:2,,,,,,,,,,5.2,2026-03-10T15:00:00Z,,,,take-profit,,,2.1,,,,,

    """

    @Test func aCloseRowTakesExchangeFeesApart() throws {
        let csv = """
        command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,fees,exchange-fees,at,price
        condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,1,10,1.3,,2026-03-02T15:00:00Z,
        condor close,line:2,,,,,,,,,,1.3,0.52,2026-03-10T15:00:00Z,2.1

        """
        let ledger = InMemoryLedger()
        let plan = try LedgerImporter(reader: ledger, actor: "t", toolVersion: "t").plan(csv: Data(csv.utf8))
        try ledger.append(plan.appends)
        guard case .condorClosed(let closed) = try #require(ledger.appended.last).event else { Issue.record("no close"); return }
        #expect(closed.feeSplit == FeeSplit(commissions: Decimal(string: "1.3")!, exchange: Decimal(string: "0.52")!))
        // The column belongs to closes only.
        let bad = "command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,exchange-fees\n"
            + "condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,1,10,0.5\n"
        #expect(throws: (any Error).self) { try LedgerImporter(reader: InMemoryLedger(), actor: "t", toolVersion: "t").plan(csv: Data(bad.utf8)) }
    }

    /// `side` on a `condor close` row closes that side alone; on a row of another command it is refused.
    @Test func aSideCloseImports() throws {
        let csv = """
        command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,fees,at,price,side
        condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,2,10,2.6,2026-03-02T15:00:00Z,,
        condor close,line:2,,,,,,,,,,1.3,2026-03-04T15:00:00Z,0.5,put

        """
        let ledger = InMemoryLedger()
        let plan = try LedgerImporter(reader: ledger, actor: "t", toolVersion: "t").plan(csv: Data(csv.utf8))
        try ledger.append(plan.appends)
        #expect(ledger.appended.map(\.event.type).sorted() == ["CondorOpened", "CondorSideClosed", "PortfolioOpened"])
        let condorStream = try #require(ledger.streamIDs.first { $0.hasPrefix("condor-") })
        let condor = try #require(CondorState.fold(try ledger.events(inStream: condorStream)))
        #expect(condor.strikes.strikesText == "5300/5350 call spread" && condor.contracts == 2 && condor.cumulativeCredit == Decimal(string: "9.5")!)
        let bad = "command,portfolio,underlying,expiry,long-put,short-put,contracts,credit,side\n"
            + "condor open,main,SPX,2026-03-20,4900,4950,1,10,put\n"
        #expect(throws: (any Error).self) { try LedgerImporter(reader: InMemoryLedger(), actor: "t", toolVersion: "t").plan(csv: Data(bad.utf8)) }
    }

    /// `line:N` naming a row that acted on some contracts only (a partial side close, a partial roll)
    /// is the condor those contracts continue as, also when that row was recorded by an earlier import.
    @Test func lineReferencesReachTheCondorAPartialRowSplitOff() throws {
        let csv = """
        command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,fees,at,price,side,close-price,open-price
        condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,3,10,3.9,2026-03-02T15:00:00Z,,,,
        condor close,line:2,,,,,,,,1,,1.3,2026-03-04T15:00:00Z,0.5,put,,
        condor roll,line:2,,,,4850,4900,,,1,,2.6,2026-03-05T15:00:00Z,,put,6,4.5
        condor close,line:3,,,,,,,,,,1.3,2026-03-06T15:00:00Z,0.8,,,

        """
        let ledger = InMemoryLedger()
        let plan = try LedgerImporter(reader: ledger, actor: "t", toolVersion: "t").plan(csv: Data(csv.utf8))
        try ledger.append(plan.appends)
        let original = try #require(plan.rows[0].decision.condorID)
        let condors = try ledger.streamIDs.filter { $0.hasPrefix("condor-") }.map { try #require(CondorState.fold(try ledger.events(inStream: $0))) }
        #expect(condors.count == 3)
        let parent = try #require(condors.first { $0.condorID == original })
        #expect(parent.status == .open && parent.contracts == 1 && parent.strikes.isIronCondor)
        // Line 3's contract lost its put side and was then closed by line 5 through `line:3`.
        let sideClosed = try #require(condors.first { $0.splitFrom == original && $0.strikes.shortPut == nil })
        #expect(sideClosed.status == .closed && sideClosed.contracts == 1)
        // Line 4's rolled contract is still open with its new put side.
        let rolled = try #require(condors.first { $0.splitFrom == original && $0.strikes.shortPut == 4900 })
        #expect(rolled.status == .open && rolled.contracts == 1)

        // Re-imported with a row naming line:4, the earlier rows are already recorded and line:4 still resolves.
        let extended = csv + "condor close,line:4,,,,,,,,,,1.3,2026-03-07T15:00:00Z,0.9,,,\n"
        let more = try LedgerImporter(reader: ledger, actor: "t", toolVersion: "t").plan(csv: Data(extended.utf8))
        #expect(more.alreadyRecorded == [2, 3, 4, 5] && more.rows.map(\.line) == [6])
        #expect(more.rows.first?.decision.condorID == rolled.condorID)
    }

    /// Issue 16's fields in the CSV format: a spread (call cells empty), `condor leg-in`, `contracts`
    /// on a close, `leg` (several legs in one cell, `;`-separated) on `hedge add`.
    @Test func spreadsLegInPartialClosesAndLegsImport() throws {
        let csv = """
        command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,fees,at,price,leg
        condor open,,main,SPX,2026-03-20,4900,4950,,,2,3.1,2.6,2026-03-02T15:00:00Z,,
        condor leg-in,line:2,,,,,,5300,5350,,2.4,2.6,2026-03-03T15:00:00Z,,
        hedge add,,main,,,,,,,,,2.6,2026-03-03T16:00:00Z,,VIX 2026-03-18 C 22=+2@1.15;VIX 2026-03-18 C 30=-2@0.35
        condor close,line:2,,,,,,,,1,,1.3,2026-03-04T15:00:00Z,3.4,

        """
        let ledger = InMemoryLedger()
        let plan = try LedgerImporter(reader: ledger, actor: "t", toolVersion: "t").plan(csv: Data(csv.utf8))
        try ledger.append(plan.appends)
        let types = ledger.appended.map(\.event.type).sorted()  // one append per stream: compared as a set of events
        #expect(types == ["CondorLeggedIn", "CondorOpened", "CondorPartiallyClosed", "HedgeLayerAdded", "PortfolioOpened"])
        let condorStream = try #require(ledger.streamIDs.first { $0.hasPrefix("condor-") })
        let condor = try #require(CondorState.fold(try ledger.events(inStream: condorStream)))
        #expect(condor.strikes.isIronCondor && condor.contracts == 1 && condor.cumulativeCredit == Decimal(string: "5.5")!)
        let layerStream = try #require(ledger.streamIDs.first { $0.hasPrefix("hedge-") })
        #expect(try #require(HedgeLayerState.fold(try ledger.events(inStream: layerStream))).quantity == 2)
        // A credit of 60 on 50-point wings is refused with its line, and nothing is planned.
        let bad = "command,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit\n"
            + "condor open,main,SPX,2026-03-20,4900,4950,5300,5350,1,60\n"
        let failure = try #require(throws: ImportFailure.self) {
            try LedgerImporter(reader: InMemoryLedger(), actor: "t", toolVersion: "t").plan(csv: Data(bad.utf8))
        }
        #expect(failure.issues.map(\.description) == ["line 2, column 10 (credit): the credit of an iron condor must be below its widest wing (50 points), the most it can lose (got 60)"])
    }

    @Test func aGoodFilePlansEveryRowInOneAppend() throws {
        let ledger = InMemoryLedger()
        let importer = LedgerImporter(reader: ledger, actor: "t", toolVersion: "t")
        let plan = try importer.plan(csv: Data(Self.good.utf8))
        #expect(plan.rows.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(plan.eventCount == 8) // + PortfolioOpened + the feed's default market model (its first mark)
        #expect(Set(plan.appends.map(\.streamID)).count == plan.appends.count)
        try ledger.append(plan.appends)
        let condorID = try #require(plan.rows[0].decision.condorID)
        let state = try #require(CondorState.fold(try ledger.events(inStream: StreamName.condor(condorID))))
        #expect(state.status == .closed && state.rolls.count == 1 && state.strikes.shortPut == 4900)
        let layerID = try #require(plan.rows[3].decision.layerID)
        let layer = try #require(HedgeLayerState.fold(try ledger.events(inStream: StreamName.hedge(layerID))))
        #expect(layer.quantity == 6 && layer.protects == [condorID])
        guard case .condorRolled(let rolled) = try ledger.events(inStream: StreamName.condor(condorID))[1].event else { Issue.record("no roll"); return }
        #expect(rolled.reason == "VIX spike, \"regime\" change")

        // Importing the same file again records nothing new.
        let again = try LedgerImporter(reader: ledger, actor: "t", toolVersion: "t").plan(csv: Data(Self.good.utf8))
        #expect(again.rows.isEmpty && again.alreadyRecorded == [2, 3, 4, 5, 6, 7] && again.appends.isEmpty)

        // A file with a row appended records only that row.
        let extended = Self.good + "hedge close,line:5,,,,,,,,,,,2026-03-11T16:00:00Z,,,,,,,0.4,,,,,\n"
        let more = try LedgerImporter(reader: ledger, actor: "t", toolVersion: "t").plan(csv: Data(extended.utf8))
        #expect(more.rows.map(\.line) == [8] && more.eventCount == 1)
    }

    @Test func errorsNameLineAndColumnAndNothingIsPlanned() throws {
        let csv = """
        command,id,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,at,quantity,price
        condor open,,main,SPX,2026-03-20,4950,4900,5300,5350,2,10.25,2026-03-02T15:00:00Z,,
        condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,0,10.25,2026-03-02T15:00:00Z,,
        condor open,,main,SPX,2026-03-20,4900,4950,5300,5350,1,1e309,2026-03-02T15:00:00Z,,
        hedge reduce,\(UUID().uuidString),,,,,,,,,,,3,1
        condor close,line:2,,,,,,,,,,,,1
        mark,,,,,,,,,,,2026-03-02T15:00:00Z,,
        condor defer,,,SPX,,,,,,,,,,
        """
        let failure = try #require(throws: ImportFailure.self) {
            try LedgerImporter(reader: InMemoryLedger(), actor: "t", toolVersion: "t").plan(csv: Data(csv.utf8))
        }
        let described = failure.issues.map(\.description)
        #expect(described[0] == "line 2, column 7 (short-put): must be above --long-put (got 4900 ≤ 4950)")
        #expect(described[1] == "line 3, column 10 (contracts): must be ≥ 1 (got 0)")
        #expect(described[2] == "line 4, column 11 (credit): must be a plain decimal number like 10.25 (got '1e309')")
        #expect(described[3].hasPrefix("line 5, column 2 (id): no hedge layer "))
        #expect(described[4] == "line 6, column 2 (id): 'line:2' refers to line 2, which is refused above")
        #expect(described[5] == "line 7, column 1 (spx): is required")
        #expect(described[6] == "line 8, column 4 (underlying): column 'underlying' does not apply to condor defer")
        #expect(failure.issues.count == 7)
    }

    @Test func malformedFilesAreRefused() throws {
        func issues(_ text: String) throws -> [String] {
            try #require(throws: ImportFailure.self) {
                try LedgerImporter(reader: InMemoryLedger(), actor: "t", toolVersion: "t").plan(csv: Data(text.utf8))
            }.issues.map(\.description)
        }
        #expect(try issues("") == ["line 1, column 1 (command): the file is empty; the first line must be a header with a command column"])
        #expect(try issues("command,bogus\nmark,1\n") == ["line 1, column 2 (bogus): unknown column 'bogus'"])
        #expect(try issues("at,spx\n1,2\n") == ["line 1, column 1 (command): the header needs a command column"])
        #expect(try issues("command,reason\nvoid,\"open\n") == ["line 2, column 2 (): a quoted field is never closed"])
        #expect(try issues("command,reason\nfly,x\n") == ["line 2, column 1 (command): must be one of portfolio add, portfolio set, condor open, condor roll, condor defer, condor close, condor expire, condor leg-in, hedge add, hedge reduce, hedge close, mark, void (got 'fly')"])
        #expect(try issues("command,reason\nvoid,x,y\n") == ["line 2, column 3 (): has 3 fields; the header has 2"])
        var bad = Data("command,reason\nvoid,".utf8)
        bad.append(contentsOf: [0xC3, 0x28, 0x0A])
        let failure = try #require(throws: ImportFailure.self) { try LedgerImporter(reader: InMemoryLedger(), actor: "t", toolVersion: "t").plan(csv: bad) }
        #expect(failure.issues.map(\.description) == ["line 2, column 1 (): the file is not valid UTF-8 (first bad byte on this line)"])
    }

    @Test func csvReaderHandlesQuotesCRLFAndMultilineFields() throws {
        let records = try CSVReader.records(Data("a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\nlast,\n".utf8))
        #expect(records == [CSVReader.Record(line: 1, fields: ["a", "b"]), CSVReader.Record(line: 2, fields: ["x, \"y\"", "two\nlines"]),
                            CSVReader.Record(line: 4, fields: ["last", ""])])
    }
}

@Suite("CSV import references")
struct ImportReferenceTests {
    @Test func referencesToRefusedLinesSaySo() throws {
        let csv = """
        command,portfolio,underlying,expiry,long-put,short-put,short-call,long-call,contracts,credit,at,instrument,quantity,price,protects
        condor open,main,SPX,2026-03-20,4900,4950,5300,5350,2,1e3,2026-03-02T15:00:00Z,,,,
        hedge add,,,,,,,,,,2026-03-05T16:00:00Z,VXX,10,40,line:2
        hedge add,,,,,,,,,,2026-03-05T16:00:00Z,VXX,10,40,line:9
        """
        let failure = try #require(throws: ImportFailure.self) {
            try LedgerImporter(reader: InMemoryLedger(), actor: "t", toolVersion: "t").plan(csv: Data(csv.utf8))
        }
        #expect(failure.issues.map(\.description) == [
            "line 2, column 10 (credit): must be a plain decimal number like 10.25 (got '1e3')",
            "line 3, column 15 (protects): 'line:2' refers to line 2, which is refused above",
            "line 4, column 15 (protects): 'line:9' refers to no condor or layer created on that line",
        ])
    }
}
