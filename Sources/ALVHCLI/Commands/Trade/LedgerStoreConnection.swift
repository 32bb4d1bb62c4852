import EventStore
import Ledger

/// Opens the ledger's store for the trade commands: connects where `--database` (or the
/// environment) points and applies any missing migrations.
enum LedgerStoreConnection {
    static func open(_ global: GlobalOptions) throws -> any LedgerEventStore {
        let store = try EventStore.connect(DatabaseTarget.connectionString(for: global))
        try store.migrate()
        return store
    }
}
