import EventStore
import Foundation
import Projections

/// The one way commands reach the ledger: resolve the database (`--database`, `DATABASE_URL`,
/// `PG*`, else the embedded cluster, started when needed), connect, and apply missing migrations.
enum LedgerSession {
    static func open(_ global: GlobalOptions, migrate: Bool = true) throws -> EventStore {
        let store = try EventStore.connect(DatabaseTarget.connectionString(for: global))
        if migrate { try store.migrate() }
        return store
    }

    /// Brings the projections up to date after a recording command. The command's events are
    /// committed by then, so a failure here is reported as a warning (the next `alvh project` or
    /// review command catches up), never as a failed command that a user might repeat.
    static func catchUpAfterRecording(_ store: EventStore) {
        do {
            try Projector.catchUp(store: store)
        } catch {
            FileHandle.standardError.write(Data("alvh: warning: recorded, but the projections did not catch up (\(error)); run `alvh project`\n".utf8))
        }
    }
}
