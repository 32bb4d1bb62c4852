import EventStore
import Foundation
import PostgresClient
import Projections

/// How review commands reach the ledger: `LedgerSession`, then the projections catch up so every
/// query reads current rows.
enum ReviewSession {
    static func open(_ global: GlobalOptions, catchUp: Bool = true) throws -> EventStore {
        let store = try LedgerSession.open(global)
        if catchUp { try Projector.catchUp(store: store) }
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
