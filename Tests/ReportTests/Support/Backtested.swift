import ALVHCLI
import EventStore
import Foundation
import Projections
import TestSupport

/// A ledger filled by a short synthetic backtest through the real `alvh backtest` command, and the
/// CLI driven in-process.
enum Backtested {
    static func alvh(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let (status, out, err) = ALVHProcess.run(arguments)
        return (status, out, err)
    }

    /// A migrated database holding `years` of synthetic market traded by the ALVH policy.
    static func ledger(portfolio: String, years: Double, seed: Int = 4) throws -> TestDatabase {
        let database = try TestDatabase.migrated()
        let run = alvh(["backtest", "--synthetic", "--seed", String(seed), "--years", String(years), "--portfolio", portfolio,
                        "--database", database.connectionString])
        guard run.status == 0 else { throw Failure(message: "backtest failed (\(run.status)): \(run.err)") }
        return database
    }

    /// `alvh summary --json` as an object.
    static func summary(_ database: TestDatabase) throws -> [String: Any] {
        let run = alvh(["--json", "summary", "--database", database.connectionString])
        guard run.status == 0, let line = run.out.split(separator: "\n").first(where: { $0.hasPrefix("{") }),
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure(message: "summary failed (\(run.status)): \(run.err) \(run.out)")
        }
        return object
    }

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("alvh-report-\(UUID().uuidString)-\(name)").path
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
