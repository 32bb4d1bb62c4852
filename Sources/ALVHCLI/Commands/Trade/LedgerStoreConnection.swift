import EventStore
import Ledger

/// Opens the ledger's store for the trade commands.
enum LedgerStoreConnection {
    static func open(_ global: GlobalOptions) throws -> any LedgerEventStore {
        // Wired to EventStore once the store is merged (see TASK phase 2).
        throw CLIFailure(.databaseUnavailable, "database: this build has no event store yet")
    }
}
