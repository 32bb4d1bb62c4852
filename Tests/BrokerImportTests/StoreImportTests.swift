import ALVHCLI
import BrokerImport
import EventStore
import Foundation
import Ledger
import Testing
import TestSupport

/// Broker imports against a real PostgreSQL store, through the library and through `alvh import-broker`.
@Suite(.serialized) struct StoreImportTests {
    func alvh(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let (status, out, err) = ALVHProcess.run(arguments)
        return (status, out, err)
    }

    func fixturePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    @Test func importsAtomicallyAndReimportsNothing() throws {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        func plan() throws -> BrokerImportPlan {
            try BrokerImporter(reader: StoreLedgerReader(store: store), portfolio: "tasty", actor: "test", toolVersion: "test")
                .planTastytrade(csv: try Fixture.data("tastytrade-transactions.csv"))
        }
        let first = try plan()
        let results = try store.append(first.appends)
        #expect(results.flatMap(\.positions).count == first.eventCount)
        #expect(try store.headPosition() == Int64(first.eventCount))
        let second = try plan()
        #expect(second.appends.isEmpty)
        #expect(try store.headPosition() == Int64(first.eventCount))

        // P&L of condor A, folded from what PostgreSQL returns, equals its rows in the file.
        let reader = StoreLedgerReader(store: store)
        let condors = try first.recorded.compactMap(\.decision.condorID).map { id in
            try #require(CondorState.fold(try reader.events(inStream: StreamName.condor(id))))
        }
        let a = condors.filter { $0.expiry == CalendarDate(iso: "2024-10-18") }
        #expect(Set(a.map(\.condorID)).count == 1)
        #expect(a.first?.realizedCash == Decimal(string: "-81.94")!)
    }

    @Test func commandDryRunThenImportThenAgain() throws {
        let database = try TestDatabase.migrated()
        let url = database.connectionString
        let file = fixturePath("tastytrade-transactions.csv")
        let dry = alvh(["import-broker", "tastytrade", file, "--portfolio", "tasty", "--dry-run", "--database", url])
        #expect(dry.status == 0)
        #expect(dry.out.contains("dry run: nothing written"))
        #expect(dry.out.contains("imported 3 condors, 1 layers"))
        #expect(try database.store().headPosition() == 0)

        let real = alvh(["import-broker", "tastytrade", file, "--portfolio", "tasty", "--link", "4001=1001", "--database", url])
        #expect(real.status == 0, "\(real.err)")
        #expect(real.out.contains("skipped 3 rows"))
        let written = try database.store().headPosition()
        #expect(written > 0)

        let again = alvh(["import-broker", "tastytrade", file, "--portfolio", "tasty", "--json", "--database", url])
        #expect(again.status == 0)
        #expect(again.out.contains(#""events":[]"#))
        #expect(try database.store().headPosition() == written)
    }

    @Test func malformedFileExitsTwoAndWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let result = alvh(["import-broker", "tastytrade", fixturePath("tastytrade-malformed.csv"), "--database", database.connectionString])
        #expect(result.status == 2)
        #expect(result.err.contains("line 3, column 1 (Date)"))
        #expect(result.err.contains("line 4, column 4 (Action)"))
        #expect(result.err.contains("line 5, column 17 (Strike Price)"))
        #expect(try database.store().headPosition() == 0)

        let badLink = alvh(["import-broker", "tastytrade", fixturePath("tastytrade-transactions.csv"), "--link", "4001", "--database", database.connectionString])
        #expect(badLink.status == 2)
        #expect(badLink.err.contains("--link"))
    }

    /// Thousands of unrelated equity trades around the fixture's condors: the condors import, the
    /// equity rows are skipped and counted, and each condor's P&L equals its rows.
    @Test func largeMixedFile() throws {
        let csv = try Fixture.text("tastytrade-transactions.csv")
        var lines = csv.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        var generator = SplitMix64(seed: 9)
        let symbols = ["AAPL", "MSFT", "NVDA", "SPY", "QQQ", "TSLA", "AMZN", "IWM"]
        var equity: [String] = []
        for index in 0..<6000 {
            let day = 1 + Int(generator.next() % 28)
            let month = 9 + Int(generator.next() % 3)
            let symbol = symbols[Int(generator.next() % UInt64(symbols.count))]
            let quantity = 1 + Int(generator.next() % 500)
            let cents = 1000 + Int(generator.next() % 90000)
            let price = Decimal(cents) / 100
            let buy = generator.next() % 2 == 0
            let value = (buy ? -1 : 1) * price * Decimal(quantity)
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: "en_US")
            formatter.numberStyle = .decimal
            formatter.minimumFractionDigits = 2
            formatter.maximumFractionDigits = 2
            let valueText = formatter.string(from: value as NSDecimalNumber)!
            equity.append(String(format: "2024-%02d-%02dT17:%02d:00+0200", month, day, index % 60)
                          + ",Trade,\(buy ? "Buy to Open" : "Sell to Close"),\(buy ? "BUY_TO_OPEN" : "SELL_TO_CLOSE"),\(symbol),Equity,"
                          + "Traded \(quantity) \(symbol),\"\(valueText)\",\(quantity),\(price),0.00,-0.0\(1 + index % 9),1,,\(symbol),,,,\(100000 + index),USD")
        }
        let mixed = [header] + (lines + equity).shuffled(using: &generator)
        let ledger = InMemoryLedger()
        let plan = try Fixture.importer(ledger).planTastytrade(csv: Data(mixed.joined(separator: "\n").utf8))
        try ledger.append(plan.appends)
        #expect(plan.skipped.count == 6003)
        #expect(plan.summary.contains("skipped 6003 rows: 6001 Equity"))
        let condors = try Fixture.condors(ledger)
        #expect(condors.count == 3)
        for expiry in ["10/18/24", "10/4/24", "11/15/24"] {
            let date = TastytradeValuesForTests.isoDate(expiry)
            let rows = try Fixture.sum(csv, columns: ["Value", "Commissions", "Fees"]) { $0["Root Symbol"] == "SPXW" && $0["Expiration Date"] == expiry }
            #expect(condors.filter { $0.expiry == date }.map(\.realizedCash).reduce(0, +) == rows)
        }
        #expect(Fixture.eventFees(ledger) == Decimal(string: "57.94")!)
    }
}

enum TastytradeValuesForTests {
    static func isoDate(_ text: String) -> CalendarDate {
        let parts = text.split(separator: "/").map { Int($0)! }
        return CalendarDate(year: 2000 + parts[2], month: parts[0], day: parts[1])!
    }
}

