import EventStore
import Foundation
import PostgresClient
import Projections

/// The one way review commands reach the ledger: resolve the database, connect, migrate, and catch
/// the projections up so every query reads current rows.
enum ReviewSession {
    static func open(_ global: GlobalOptions, catchUp: Bool = true) throws -> EventStore {
        let store: EventStore
        do {
            store = try EventStore.connect(DatabaseTarget.connectionString(for: global))
            try store.migrate()
            if catchUp { try Projector.catchUp(store: store) }
        } catch let error as PostgresError where error.kind == .connectionFailed {
            throw CLIFailure(.databaseUnavailable, "database unavailable: \(error.message)")
        }
        return store
    }
}

/// How a query prints: a table (default), one JSON object (`--json`) or CSV (`--csv`).
enum ReviewFormat {
    case table, json, csv

    static func from(_ global: GlobalOptions, csv: Bool) throws -> ReviewFormat {
        if global.json && csv { throw CLIFailure.invalid("--csv", "cannot be combined with --json: choose one output format") }
        return global.json ? .json : csv ? .csv : .table
    }
}
