import BrokerImport
import EventStore
import Foundation
import Ledger
import Testing
import TestSupport

/// `alvh import-broker ibkr` end to end: the built binary as a child process against PostgreSQL.
@Suite(.serialized) struct IBKRStoreImportTests {
    @Test func dryRunThenImportThenAgainThroughTheCLI() throws {
        let database = try TestDatabase.migrated()
        let url = database.connectionString
        let file = IBKRFixture.path("flex-trades.csv")
        let dry = ALVHProcess.run(["import-broker", "ibkr", file, "--dry-run", "--database", url])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("dry run: nothing written"))
        #expect(dry.stdout.contains("imported 3 condors, 3 layers"))
        #expect(try database.store().headPosition() == 0)

        let real = ALVHProcess.run(["import-broker", "ibkr", file, "--portfolio", "ib", "--link", "4001=1001", "--database", url])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.contains("skipped 3 rows"))
        #expect(real.stdout.contains("fees 66.62 on imported rows, 3.65 on skipped rows"))
        let store = try database.store()
        let written = try store.headPosition()
        #expect(written > 0)

        // What PostgreSQL holds folds back to the file: condor A's P&L is its rows' NetCash, the VIX layer protects it.
        let (condors, layers) = try LedgerPositions.read(store)
        #expect(condors.count == 3)
        #expect(layers.count == 3)
        let csv = try IBKRFixture.text("flex-trades.csv")
        let netCashA = try IBKRFixture.sum(csv, "NetCash") { $0["Expiry"] == "20241018" && $0["UnderlyingSymbol"] == "SPX" }
        let a = try #require(condors.first { $0.expiry == CalendarDate(iso: "2024-10-18") })
        #expect(a.realizedCash == netCashA)
        let vixCall = try #require(layers.first { $0.multiplier == 100 })
        #expect(vixCall.protects == [a.condorID])

        let again = ALVHProcess.run(["import-broker", "ibkr", file, "--portfolio", "ib", "--json", "--database", url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains(#""events":[]"#))
        #expect(try database.store().headPosition() == written)
    }

    @Test func malformedFileExitsTwoAndWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let result = ALVHProcess.run(["import-broker", "ibkr", IBKRFixture.path("flex-malformed.csv"), "--database", database.connectionString])
        #expect(result.status == 2)
        #expect(result.stderr.contains("line 3, column 11 (DateTime)"))
        #expect(result.stderr.contains("line 4, column 23 (Buy/Sell)"))
        #expect(result.stderr.contains("line 5, column 7 (Strike)"))
        #expect(try database.store().headPosition() == 0)

        let badZone = ALVHProcess.run(["import-broker", "ibkr", IBKRFixture.path("flex-trades.csv"), "--time-zone", "Mars/Olympus",
                                       "--database", database.connectionString])
        #expect(badZone.status == 2)
        #expect(badZone.stderr.contains("--time-zone"))
        #expect(try database.store().headPosition() == 0)
    }
}
