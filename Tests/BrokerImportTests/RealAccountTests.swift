import BrokerImport
import EventStore
import Foundation
import Ledger
import Testing
import TestSupport

/// Issue 16 "Done means": a tastytrade export of a real account's shape imports what the ledger
/// models — the SPX put credit spread as a one-sided condor (closed in part, then expired), the VIX
/// verticals as one layer each — and skips and lists the rest.
@Suite struct RealAccountTests {
    func plan(_ csv: String, ledger: InMemoryLedger, strict: Bool = false) throws -> BrokerImportPlan {
        var importer = Fixture.importer(ledger)
        importer.strict = strict
        return try importer.planTastytrade(csv: Data(csv.utf8))
    }

    @Test func theExportImportsWhatFitsAndListsTheRest() throws {
        let csv = RealAccountExport.csv()
        #expect(csv.split(separator: "\n").count - 1 == 1062)
        let ledger = InMemoryLedger()
        let plan = try plan(csv, ledger: ledger)
        try ledger.append(plan.appends)

        // The SPX put credit spread: opened 4 at 2.80, 2 bought back at 1.20, 2 expired worthless.
        let condors = try Fixture.condors(ledger)
        #expect(condors.count == 1)
        let spread = try #require(condors.first)
        #expect(spread.strikes.strikesText == "3700/3800 put spread" && spread.underlying == .spx)
        #expect(spread.openingCredit == Decimal(string: "2.8")! && spread.openedContracts == 4 && spread.contracts == 2)
        #expect(spread.status == .expired && spread.reductions.map(\.contracts) == [2])
        // 1,840 − 720 − 8 − 1.28 (open) − 240 − 1.24 (close): the spread's rows in the file.
        #expect(spread.realizedCash == Decimal(string: "869.48")!)

        // The VIX verticals: one layer each, legs +1/−1.
        let layers = try Fixture.layers(ledger).sorted { $0.openedAt < $1.openedAt }
        #expect(layers.map(\.legs.spec) == ["VIX 2022-02-16 C 25=+1; VIX 2022-02-16 C 35=-1", "VIX 2022-07-20 P 20=+1; VIX 2022-07-20 P 17=-1",
                                            "VIX 2024-08-21 C 20=+1; VIX 2024-08-21 C 30=-1"])
        #expect(layers.allSatisfy { $0.status == .closed })
        // Call vertical: bought 10 at net 1.00 (+ 20.40 fees), sold at net 2.20 (fees 0.40): +1,200 − 20.80.
        #expect(layers[0].realizedPnL == Decimal(string: "1179.2")!)
        // Put vertical: bought 5 at net 0.60 (+ 10.30 fees), expired worthless.
        #expect(layers[1].realizedPnL == Decimal(string: "-310.3")!)
        // Third: 4 at net 0.80 (+ 8.28 fees); 2 sold at net 2.50 (fees 0.24); 2 expired.
        #expect(layers[2].realizedPnL == Decimal(string: "171.48")!)

        // The butterfly and the order closing it: skipped and listed with their lines.
        let fly = RealAccountExport.lines(ofOrder: RealAccountExport.butterflyOpen)
        let flyClose = RealAccountExport.lines(ofOrder: RealAccountExport.butterflyClose)
        #expect(plan.skippedOrders.map(\.description).sorted() == [
            "skipped order \(RealAccountExport.butterflyClose) (lines \(flyClose.first!)-\(flyClose.last!)): closes what a skipped order opened",
            "skipped order \(RealAccountExport.butterflyOpen) (lines \(fly.first!)-\(fly.last!)): SPX put butterfly, not a condor or spread",
        ].sorted())
        // Stocks, equity options and money movements: skipped and counted.
        #expect(plan.summary.contains("skipped 2 orders (6 rows) it does not model"))
        #expect(plan.summary.contains("504 Equity") && plan.summary.contains("336 Equity Option (AAPL)"))
        #expect(plan.skipped.count == 504 + 336 + 84 + 84 + 28)

        // Every fee in the file is in an event or on a skipped row or order.
        let fileFees = try Fixture.sum(csv, columns: ["Commissions", "Fees"]) { _ in true }
        #expect(Fixture.eventFees(ledger) == -fileFees - plan.skipped.reduce(Decimal(0)) { $0 + $1.fees } - plan.skippedOrders.reduce(Decimal(0)) { $0 + $1.fees })

        // Importing it again records nothing.
        let again = try self.plan(csv, ledger: ledger)
        #expect(again.appends.isEmpty && again.alreadyRecorded.count == plan.recorded.count - 1)
    }

    @Test func strictRefusesTheWholeFile() throws {
        let ledger = InMemoryLedger()
        let error = try #require(throws: BrokerImportFailure.self) { try plan(RealAccountExport.csv(), ledger: ledger, strict: true) }
        let fly = RealAccountExport.lines(ofOrder: RealAccountExport.butterflyOpen)
        #expect(error.issues.first?.line == fly.first && error.issues.first?.message.contains("SPX put butterfly, not a condor or spread") == true)
        #expect(ledger.appended.isEmpty)
    }

    /// A spread opened, then its missing side sold on the same expiry and quantity: legging in.
    @Test func sellingTheMissingSideLegsIn() throws {
        let rows = [
            RealAccountExport.spx("2023-03-01T15:00:00+0000", "SELL_TO_OPEN", "4/21/23", 3800, value: "1,840.00", quantity: 4, order: "1"),
            RealAccountExport.spx("2023-03-01T15:00:00+0000", "BUY_TO_OPEN", "4/21/23", 3700, value: "-720.00", quantity: 4, order: "1"),
            "2023-03-02T15:00:00+0000,Trade,,SELL_TO_OPEN,SPX   X,Equity Option,SPX call,\"1,000.00\",4,0,--,-0.64,100,SPX,SPX,4/21/23,4200,CALL,2,USD",
            "2023-03-02T15:00:00+0000,Trade,,BUY_TO_OPEN,SPX   X,Equity Option,SPX call,-400.00,4,0,--,-0.64,100,SPX,SPX,4/21/23,4300,CALL,2,USD",
        ]
        let ledger = InMemoryLedger()
        let plan = try plan(([RealAccountExport.header] + rows.reversed()).joined(separator: "\n"), ledger: ledger)
        try ledger.append(plan.appends)
        #expect(plan.recorded.map(\.command.name) == ["portfolio add", "condor open", "condor leg-in"])
        let condor = try #require(try Fixture.condors(ledger).first)
        #expect(condor.strikes.strikesText == "3700/3800/4200/4300" && condor.cumulativeCredit == Decimal(string: "4.3")! && condor.contracts == 4)
    }

    /// Through `alvh import-broker`: exit 0, the skipped orders on stderr, the summary on stdout.
    @Test func theCommandWarnsOnStderrAndExitsZero() throws {
        let database = try TestDatabase.migrated()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("real-account-\(UUID().uuidString).csv")
        try Data(RealAccountExport.csv().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = ALVHProcess.run(["import-broker", "tastytrade", file.path, "--database", database.connectionString])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("skipped order \(RealAccountExport.butterflyOpen) (lines ") && run.stderr.contains("SPX put butterfly, not a condor or spread"))
        #expect(run.stdout.contains("imported 1 condors, 3 layers"))
        let strict = ALVHProcess.run(["import-broker", "tastytrade", file.path, "--strict", "--portfolio", "other", "--database", database.connectionString])
        #expect(strict.status == 2 && strict.stderr.contains("SPX put butterfly"))
        let (condors, layers) = try LedgerPositions.read(try database.store())
        #expect(condors.count == 1 && layers.count == 3)
    }
}
