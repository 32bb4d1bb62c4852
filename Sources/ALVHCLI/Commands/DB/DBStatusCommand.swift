import ArgumentParser
import EventStore
import Foundation

/// `alvh db status`: where the ledger's database is and, for the embedded cluster, its state.
struct DBStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where the ledger's database is (password masked), its role and standbys, or the embedded cluster's state.",
        discussion: "A configured server is asked (pg_isready, 3 s at most) whether it accepts connections; exit 4 when it does not. When it does: primary or standby; a primary's standbys with their sync state and lag, and a warning when a failover could lose acknowledged commands (no synchronous standby); a standby's upstream and replay lag."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let report = try DatabaseStatusReport.make(database: global.database, environment: ProcessInfo.processInfo.environment)
        print(global.json ? try report.json() : report.text)
        if report.isUnavailable { throw report.unavailableFailure }
    }
}
