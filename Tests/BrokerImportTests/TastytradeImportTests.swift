import BrokerImport
import Foundation
import Ledger
import Testing

@Suite struct TastytradeImportTests {
    func importFixture(links: [String: [String]] = [:]) throws -> (InMemoryLedger, BrokerImportPlan) {
        let ledger = InMemoryLedger()
        let plan = try Fixture.importer(ledger, links: links).planTastytrade(csv: try Fixture.data("tastytrade-transactions.csv"))
        try ledger.append(plan.appends)
        return (ledger, plan)
    }

    @Test func condorsRollsClosesExpiriesAndLayers() throws {
        let (ledger, plan) = try importFixture()
        let condors = try Fixture.condors(ledger)
        // A (rolled then closed), B (2 contracts, expired worthless), C (3 contracts: 1 closed, then 2 expired under the same id).
        #expect(condors.count == 3)
        let a = try #require(condors.first { $0.openedAt == condors.map(\.openedAt).min() })
        #expect(a.status == .closed)
        #expect(a.openingCredit == 10)
        #expect(a.rolls.count == 1)
        #expect(a.rolls.first?.side == .put)
        #expect(a.rolls.first?.netCredit == Decimal(string: "-7"))  // 3.50 credit − 10.50 debit
        #expect(a.strikes.longPut == 5350 && a.strikes.shortPut == 5450)

        let b = try #require(condors.first { $0.expiry == CalendarDate(iso: "2024-10-04") })
        #expect(b.status == .expired)
        #expect(b.contracts == 2)
        #expect(b.openingCredit == Decimal(string: "2.2"))

        let c = condors.filter { $0.expiry == CalendarDate(iso: "2024-11-15") }
        #expect(c.map(\.contracts) == [2] && c.map(\.openedContracts) == [3])
        #expect(c.map(\.status) == [.expired])
        #expect(c.first?.reductions.map(\.contracts) == [1] && c.first?.reductions.first?.kind == .close)
        #expect(c.allSatisfy { $0.openingCredit == 4 })

        // The settlement level implied by the assignment cash: 5700 − 4000 / (100 × 2).
        let expired = ledger.appended.compactMap { item -> CondorExpired? in
            if case .condorExpired(let e) = item.event { return e } else { return nil }
        }
        #expect(expired.count == 2)
        #expect(expired.first { $0.contracts == 2 && $0.expiry == CalendarDate(iso: "2024-11-15") }?.settlementLevel == 5680)
        #expect(expired.first { $0.expiry == CalendarDate(iso: "2024-10-04") }?.settlementValue == 0)

        let layers = try Fixture.layers(ledger)
        #expect(layers.count == 1)
        #expect(layers.first?.status == .closed)
        #expect(layers.first?.protects == [])
        #expect(layers.first?.instrument == .vixOption(expiry: CalendarDate(iso: "2024-10-16")!, right: .call, strike: 20))
        let reduced = ledger.appended.compactMap { item -> HedgeLayerReduced? in
            if case .hedgeLayerReduced(let e) = item.event { return e } else { return nil }
        }
        #expect(reduced.map(\.quantity) == [4])
        #expect(reduced.first?.price == 3)

        #expect(plan.summary.hasPrefix("imported 3 condors, 1 layers (1 rolls, 2 closes, 2 expiries, 1 layer reductions, 1 layer closes); skipped 3 rows: "))
        #expect(plan.summary.contains("1 Money Movement: Deposit"))
        #expect(plan.summary.contains("1 Money Movement: Credit Interest"))
        #expect(plan.summary.contains("1 Equity"))
    }

    @Test func feesSumExactlyToTheFile() throws {
        let (ledger, plan) = try importFixture()
        let csv = try Fixture.text("tastytrade-transactions.csv")
        let fileFees = try Fixture.sum(csv, columns: ["Commissions", "Fees"]) { $0["Instrument Type"] == "Equity Option" }
        #expect(Fixture.eventFees(ledger) == -fileFees)
        #expect(plan.importedFees == -fileFees)
        #expect(fileFees == Decimal(string: "-57.94"))
    }

    /// tastytrade states commissions and exchange fees apart; a close keeps them apart. Order 3002
    /// closes 1 of the 11/15 condor's 3 contracts (a partial close since issue 16): no commissions,
    /// Fees −0.66, −0.14, −0.66, −0.14 = 1.60 of exchange fees.
    @Test func aCloseKeepsCommissionsAndExchangeFeesApart() throws {
        let (ledger, _) = try importFixture()
        let closes = ledger.appended.compactMap { item -> CondorPartiallyClosed? in
            if case .condorPartiallyClosed(let closed) = item.event, closed.note?.contains("order 3002") == true { return closed }
            return nil
        }
        #expect(closes.count == 1)
        #expect(closes.first?.feeSplit == FeeSplit(commissions: 0, exchange: Decimal(string: "1.6")!))
    }

    @Test func everyCondorsPnLEqualsItsRowsValueAndFees() throws {
        let (ledger, _) = try importFixture()
        let csv = try Fixture.text("tastytrade-transactions.csv")
        let condors = try Fixture.condors(ledger)
        func rows(expiring expiry: String) throws -> Decimal {
            try Fixture.sum(csv, columns: ["Value", "Commissions", "Fees"]) { $0["Root Symbol"] == "SPXW" && $0["Expiration Date"] == expiry }
        }
        let a = condors.filter { $0.expiry == CalendarDate(iso: "2024-10-18") }
        let b = condors.filter { $0.expiry == CalendarDate(iso: "2024-10-04") }
        let c = condors.filter { $0.expiry == CalendarDate(iso: "2024-11-15") }
        #expect(a.map(\.realizedCash).reduce(0, +) == (try rows(expiring: "10/18/24")))
        #expect(b.map(\.realizedCash).reduce(0, +) == (try rows(expiring: "10/4/24")))
        #expect(c.map(\.realizedCash).reduce(0, +) == (try rows(expiring: "11/15/24")))
        #expect(a.first?.realizedCash == Decimal(string: "-81.94")!)
    }

    @Test func reimportRecordsNothingTwice() throws {
        let (ledger, first) = try importFixture()
        let before = ledger.appended.count
        let again = try Fixture.importer(ledger).planTastytrade(csv: try Fixture.data("tastytrade-transactions.csv"))
        #expect(again.appends.isEmpty)
        #expect(again.alreadyRecorded.count == first.recorded.count - 1)  // all but the portfolio
        #expect(ledger.appended.count == before)
    }

    @Test func overlappingLaterExportRecordsOnlyNewRows() throws {
        let csv = try Fixture.text("tastytrade-transactions.csv")
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let header = lines[0]
        let rows = Array(lines.dropFirst())  // newest first
        // The first export stops after condor A's close; the second starts at A's opening and runs to the end.
        let early = rows.filter { $0.hasPrefix("2024-09") || $0.hasPrefix("2024-10-0") || $0.hasPrefix("2024-10-10") }
        let late = rows.filter { !$0.hasPrefix("2024-09-0") }
        let ledger = InMemoryLedger()
        let firstPlan = try Fixture.importer(ledger).planTastytrade(csv: Data(([header] + early).joined(separator: "\n").utf8))
        try ledger.append(firstPlan.appends)
        let secondPlan = try Fixture.importer(ledger).planTastytrade(csv: Data(([header] + late).joined(separator: "\n").utf8))
        try ledger.append(secondPlan.appends)

        let whole = try importFixture().0
        #expect(try Fixture.condors(ledger).map(\.realizedCash).sorted() == (try Fixture.condors(whole).map(\.realizedCash).sorted()))
        #expect(Fixture.eventFees(ledger) == Fixture.eventFees(whole))
        #expect(ledger.appended.count == whole.appended.count)
    }

    /// Issue 16: a partial close of a condor an earlier import recorded whole is recorded now.
    @Test func partOfACondorRecordedWholeEarlierIsRecorded() throws {
        let csv = try Fixture.text("tastytrade-transactions.csv")
        let lines = csv.split(separator: "\n").map(String.init)
        // The first export ends after condor C opened (3 contracts); the second holds its partial close.
        let first = [lines[0]] + lines.dropFirst().filter { $0 < "2024-10-16" }
        let ledger = InMemoryLedger()
        try ledger.append(try Fixture.importer(ledger).planTastytrade(csv: Data(first.joined(separator: "\n").utf8)).appends)
        let plan = try Fixture.importer(ledger).planTastytrade(csv: try Fixture.data("tastytrade-transactions.csv"))
        #expect(plan.recorded.contains { if case .closeCondor(let close) = $0.command.command { close.contracts == 1 } else { false } })
        try ledger.append(plan.appends)
        let whole = try importFixture().0
        // The same condors, cash and fees as importing the whole file at once.
        #expect(try Fixture.condors(ledger).map(\.realizedCash).sorted() == (try Fixture.condors(whole).map(\.realizedCash).sorted()))
        #expect(try Fixture.condors(ledger).map(\.condorID).sorted { $0.uuidString < $1.uuidString }
                == (try Fixture.condors(whole).map(\.condorID).sorted { $0.uuidString < $1.uuidString }))
        #expect(Fixture.eventFees(ledger) == Fixture.eventFees(whole))
    }

    /// A ledger an import before partial closes wrote holds condor C (order 3001, 3 contracts, 1 closed
    /// later) as lots: "units 0 of 3" and "units 1,2 of 3". Importing the file again finds the first
    /// lot and counts every command on C as recorded: nothing twice, the lots stay as they are.
    @Test func aPositionRecordedAsLotsCountsAsAlreadyRecorded() throws {
        let statement = try TastytradeParser.parse(try Fixture.data("tastytrade-transactions.csv"))
        let rowIDs = statement.fills.filter { $0.orderID == "3001" }.map(\.rowID).sorted().joined(separator: ",")
        let command = EventIdentity.commandID(content: "tastytrade condor open|\(rowIDs)|units 0 of 3")
        let ledger = InMemoryLedger()
        let lot = OpenCondor(portfolio: "tasty", underlying: .spxw,
                             strikes: try IronCondorLegs(expiry: CalendarDate(iso: "2024-11-15")!, longPut: 5600, shortPut: 5700, shortCall: 6000, longCall: 6100),
                             contracts: 1, credit: 4, at: ISO8601DateFormatter().date(from: "2024-10-15T14:00:00Z"),
                             condorID: EventIdentity.entityID(command: command, kind: "condor"))
        let context = CommandContext(commandID: command, actor: "old import", toolVersion: "t", now: Date(timeIntervalSince1970: 1_750_000_000))
        try ledger.append(try LedgerDecider(reader: ledger, context: context).decide(.openCondor(lot)).appends)

        let plan = try Fixture.importer(ledger).planTastytrade(csv: try Fixture.data("tastytrade-transactions.csv"))
        let november = CalendarDate(iso: "2024-11-15")!
        #expect(!plan.recorded.contains { if case .openCondor(let open) = $0.command.command { open.strikes.expiry == november } else { false } })
        #expect(plan.alreadyRecorded.map(\.name).sorted() == ["condor close", "condor expire", "condor open"])
        try ledger.append(plan.appends)
        #expect(try Fixture.condors(ledger).filter { $0.expiry == november }.map(\.contracts) == [1])  // the old lot, untouched
        #expect(try Fixture.condors(ledger).count == 3)  // A and B recorded now, beside the lot
    }

    @Test func linkedHedgeProtectsTheCondor() throws {
        let (ledger, _) = try importFixture(links: ["4001": ["1001"]])
        let layer = try #require(try Fixture.layers(ledger).first)
        let a = try #require(try Fixture.condors(ledger).first { $0.expiry == CalendarDate(iso: "2024-10-18") })
        #expect(layer.protects == [a.condorID])
    }

    @Test func malformedRowsAreReportedWithTheirLinesAndNothingIsPlanned() throws {
        let ledger = InMemoryLedger()
        let error = try #require(throws: BrokerImportFailure.self) {
            try Fixture.importer(ledger).planTastytrade(csv: try Fixture.data("tastytrade-malformed.csv"))
        }
        #expect(error.issues.map(\.line) == [3, 4, 5])
        #expect(error.issues.map(\.columnName) == ["Date", "Action", "Strike Price"])
        #expect(error.issues[0].message.contains("2024-09-20 21:30"))
        #expect(error.issues[1].message.contains("SELL_TO_OPEM"))
        #expect(error.issues[2].message.contains("needs a strike price"))
        #expect(ledger.appended.isEmpty)
    }

    @Test func formatVariantsGiveTheSameRowIds() throws {
        let csv = try Fixture.text("tastytrade-transactions.csv")
        let records = try CSVReader.records(Data(csv.utf8))
        // Older export: no Sub Type, no Currency. Newer: an extra Total column.
        func rewrite(_ transform: ([String]) -> [String]) -> Data {
            let lines = records.map { transform($0.fields).map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }
            return Data(lines.joined(separator: "\r\n").utf8)
        }
        let older = rewrite { fields in fields.enumerated().filter { $0.offset != 2 && $0.offset != 19 }.map(\.element) }
        let newer = rewrite { fields in Array(fields[0..<19]) + [fields[0] == "Date" ? "Total" : "0.00"] + [fields[19]] }
        let base = try TastytradeParser.parse(Data(csv.utf8))
        let a = try TastytradeParser.parse(older)
        let b = try TastytradeParser.parse(newer)
        #expect(a.fills.map(\.rowID) == base.fills.map(\.rowID))
        #expect(b.fills.map(\.rowID) == base.fills.map(\.rowID))
        #expect(a.skipped.count == 3 && b.skipped.count == 3)
        #expect(base.fills.count == 35)
    }

    @Test func valueForms() throws {
        let ledger = InMemoryLedger()
        // A single row: a short VIX call (sell to open) is skipped, not refused.
        let csv = """
        Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency
        2024-09-30T17:05:00Z,Trade,Sell to Open,SELL_TO_OPEN,VIX   241016C00030000,Equity Option,Sold,"1,500.00",10,150.00,-10.00,-1.30,100,VIX,VIX,10/16/24,30,CALL,5001,USD
        """
        let plan = try Fixture.importer(ledger).planTastytrade(csv: Data(csv.utf8))
        #expect(plan.appends.isEmpty)
        #expect(plan.skipped.map(\.category) == ["short VIX positions (hedge layers are long only)"])
    }
}
