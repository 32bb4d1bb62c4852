import EventStore
import Foundation
import PostgresClient
import Projections

/// How review commands reach the ledger: `LedgerSession.openForReading`, then the projections catch
/// up so every query reads current rows — except on a hot standby, where nothing may be written: there
/// the projections are read as the primary last caught them up, and the stderr notice (and `--json`)
/// say how far that is (`StandbyReading`). `catchUp: false` is for `project` and `replay`, which
/// write the projections themselves and so need the primary.
enum ReviewSession {
    static func open(_ global: GlobalOptions, catchUp: Bool = true) throws -> EventStore {
        guard catchUp else { return try LedgerSession.open(global) }
        let store = try LedgerSession.openForReading(global, projections: true)
        if store.connection.isInHotStandby != true { try Projector.catchUp(store: store) }
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
