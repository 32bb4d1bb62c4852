import ArgumentParser
import EventStore
import Foundation

/// `alvh import-ledger FILE`: restores an `alvh export` into an empty ledger.
struct ImportLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-ledger",
        abstract: "Restore a file written by `alvh export` into an empty ledger, all or nothing.",
        discussion: """
            The whole file is checked first: every line must be an exported event and the hash chain must \
            verify (the same check as `alvh verify`); otherwise nothing is written and the first bad line is \
            named (exit 2). The ledger must be empty (exit 2 otherwise). Events keep their positions, versions, \
            ids, times, data, metadata and hashes; run `alvh replay` afterwards to rebuild the projections.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A file written by `alvh export`.", valueName: "FILE"))
    var file: String

    func run() throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw CLIFailure.invalid("FILE", "\(file) does not exist or cannot be read")
        }
        let store = try LedgerSession.open(global, migrate: false)
        defer { store.connection.close() }
        try store.migrate()
        let report: LedgerImportReport
        do {
            report = try store.importLedger(from: URL(fileURLWithPath: file))
        } catch let error as LedgerBackupError {
            switch error {
            case .ledgerNotEmpty: throw CLIFailure(.usage, error.description)
            case .badLine, .chainBroken: throw CLIFailure(.usage, "\(file) \(error.description); nothing was imported")
            }
        }
        let head = SHA256.hex(report.headHash)
        if global.json {
            try JSONOutput.print(["imported": report.events, "head_hash": head, "file": file])
        } else {
            print("imported \(report.events) event\(report.events == 1 ? "" : "s") from \(file); head hash \(head)")
        }
    }
}
