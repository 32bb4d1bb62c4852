import BrokerImport
import Foundation
import Ledger

/// Fixture files beside this source file, and helpers to fold what an import recorded.
enum Fixture {
    static func data(_ name: String) throws -> Data {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    /// Sum over data rows of `column` values (thousands separators and `--` handled).
    static func sum(_ csv: String, columns names: [String], where include: ([String: String]) -> Bool) throws -> Decimal {
        let records = try CSVReader.records(Data(csv.utf8))
        let header = records[0].fields
        var total: Decimal = 0
        for record in records.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, record.fields))
            guard include(row) else { continue }
            for name in names {
                let text = (row[name] ?? "").replacingOccurrences(of: ",", with: "")
                if text.isEmpty || text == "--" { continue }
                total += Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
            }
        }
        return total
    }

    static let actor = "test"

    static func importer(_ ledger: InMemoryLedger, links: [String: [String]] = [:]) -> BrokerImporter {
        BrokerImporter(reader: ledger, portfolio: "tasty", links: links, actor: actor, toolVersion: "test",
                       now: Date(timeIntervalSince1970: 1_750_000_000))
    }

    /// Every condor stream of the ledger folded.
    static func condors(_ ledger: InMemoryLedger) throws -> [CondorState] {
        try ledger.streamIDs.filter { $0.hasPrefix("condor-") }.compactMap { CondorState.fold(try ledger.events(inStream: $0)) }
            .sorted { ($0.openedAt, $0.contracts) < ($1.openedAt, $1.contracts) }
    }

    static func layers(_ ledger: InMemoryLedger) throws -> [HedgeLayerState] {
        try ledger.streamIDs.filter { $0.hasPrefix("hedge-") }.compactMap { HedgeLayerState.fold(try ledger.events(inStream: $0)) }
    }

    /// Sum of the fees of every event the ledger holds.
    static func eventFees(_ ledger: InMemoryLedger) -> Decimal {
        ledger.appended.reduce(Decimal(0)) { total, item in
            switch item.event {
            case .condorOpened(let e): total + e.fees
            case .condorRolled(let e): total + e.fees
            case .condorClosed(let e): total + e.fees
            case .condorPartiallyClosed(let e): total + e.fees
            case .condorLeggedIn(let e): total + e.fees
            case .condorExpired(let e): total + e.fees
            case .hedgeLayerAdded(let e): total + e.fees
            case .hedgeLayerReduced(let e): total + e.fees
            case .hedgeLayerClosed(let e): total + e.fees
            default: total
            }
        }
    }
}
