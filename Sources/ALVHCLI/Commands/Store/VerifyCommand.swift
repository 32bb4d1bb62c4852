import ArgumentParser
import EventStore
import Foundation

/// `alvh verify`: walks the hash chain and proves the ledger was not altered outside the tool.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute every event's hash and check the chain; print the count verified and the head hash.",
        discussion: "Exits 1 and names the first position whose hash, link or presence is wrong."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try LedgerSession.openForReading(global, migrate: false)
        defer { store.connection.close() }
        let report = try store.verify()
        let headHash = SHA256.hex(report.headHash)
        if global.json {
            var object: [String: Any] = ["intact": report.isIntact, "verified": report.verifiedCount, "head_hash": headHash]
            if let position = report.firstBadPosition { object["first_bad_position"] = position }
            if let problem = report.problem { object["problem"] = problem }
            try JSONOutput.print(object)
        } else if report.isIntact {
            print("verified \(report.verifiedCount) event\(report.verifiedCount == 1 ? "" : "s"); head hash \(headHash)")
        }
        if let position = report.firstBadPosition {
            throw CLIFailure(.failure, "verify failed at position \(position): \(report.problem ?? "mismatch") (\(report.verifiedCount) events verified before it)")
        }
    }
}
