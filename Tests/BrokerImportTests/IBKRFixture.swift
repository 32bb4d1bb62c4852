import BrokerImport
import Foundation
import Ledger

/// The IBKR fixtures and a reading of them independent of the parser: rows as header → cell maps
/// (a repeated header mid-file starts a new column layout).
enum IBKRFixture {
    static func data(_ name: String) throws -> Data { try Fixture.data("ibkr/" + name) }
    static func text(_ name: String) throws -> String { try Fixture.text("ibkr/" + name) }

    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ibkr").appendingPathComponent(name).path
    }

    static func rows(_ csv: String) throws -> [[String: String]] {
        var header: [String] = []
        var rows: [[String: String]] = []
        for record in try CSVReader.records(Data(csv.utf8)) {
            if record.fields.contains("AssetClass") {
                header = record.fields
                continue
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields)))
        }
        return rows
    }

    static func decimal(_ text: String?) -> Decimal {
        guard let text, !text.isEmpty else { return 0 }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    /// Σ of `column` over the rows that pass `include`.
    static func sum(_ csv: String, _ column: String, where include: ([String: String]) -> Bool) throws -> Decimal {
        try rows(csv).filter(include).reduce(Decimal(0)) { $0 + decimal($1[column]) }
    }

    static func importer(_ ledger: InMemoryLedger, links: [String: [String]] = [:]) -> BrokerImporter {
        BrokerImporter(reader: ledger, portfolio: "ibkr", links: links, actor: Fixture.actor, toolVersion: "test",
                       now: Date(timeIntervalSince1970: 1_750_000_000))
    }

    /// Imports `csv` into `ledger` and returns the plan.
    @discardableResult
    static func importCSV(_ csv: Data, into ledger: InMemoryLedger, links: [String: [String]] = [:]) throws -> BrokerImportPlan {
        let plan = try importer(ledger, links: links).planIBKR(csv: csv)
        try ledger.append(plan.appends)
        return plan
    }
}
