import EventStore
import Foundation
import Projections

/// How commands reach the ledger: resolve the database (`--database`, `DATABASE_URL`, `PG*`, else the
/// embedded cluster, started when needed), connect to the right server, and apply missing migrations.
/// Recording commands go through `RecordingSession`, which adds retrying; this is the rest.
enum LedgerSession {
    /// For commands that write but are not retried (`db migrate`, `import-ledger`, `project`,
    /// `replay`): the primary (`ServerRouting.forWriting`); `--read-from standby` is refused (exit 2).
    static func open(_ global: GlobalOptions, migrate: Bool = true) throws -> EventStore {
        try ReadPreference.requireWriting(global)
        let environment = ProcessInfo.processInfo.environment
        try RetryPolicy.check(global, environment: environment)
        let target = try DatabaseTarget.connectionString(for: global)
        return try connect(ServerRouting.forWriting(target, environment: environment), migrate: migrate)
    }

    /// For commands that only read: the server `--read-from` (else the URL) asks for. On a hot standby
    /// nothing is written — a migration that is missing there fails as read-only — and the command
    /// says once on stderr how far behind the standby is (`StandbyReading`; `--json` carries it too).
    /// `projections`: the notice also gives how far the replicated projections reach.
    static func openForReading(_ global: GlobalOptions, migrate: Bool = true, projections: Bool = false) throws -> EventStore {
        let preference = try ReadPreference.parse(global.readFrom)
        try RetryPolicy.check(global, environment: ProcessInfo.processInfo.environment)
        let target = try DatabaseTarget.connectionString(for: global)
        let store = try EventStore.connect(ServerRouting.forReading(target, preference: preference))
        StandbyReading.current = nil
        if store.connection.isInHotStandby == true {
            let reading = try StandbyReading.read(store, projections: projections)
            StandbyReading.current = reading
            FileHandle.standardError.write(Data((reading.notice + "\n").utf8))
        }
        // Up to date, the migration check only reads (an advisory lock and a SELECT), so it runs on a standby too.
        if migrate { try store.migrate() }
        return store
    }

    /// A session on `connectionString`, migrated when `migrate`.
    static func connect(_ connectionString: String, migrate: Bool) throws -> EventStore {
        let store = try EventStore.connect(connectionString)
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
