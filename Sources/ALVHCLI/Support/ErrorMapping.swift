import Finance
import EventStore
import PostgresClient
import Strategy

/// Maps errors from the lower modules to exit statuses. Each module's errors are added here.
enum ErrorMapping {
    static func map(_ error: Error) -> CLIFailure? {
        if let error = error as? FinanceError { return CLIFailure.invalid(error.field, error.rule) }
        if let failure = error as? BatchAppendFailure, var mapped = map(failure.underlying) {
            mapped.message = "batch \(failure.batchIndex + 1): " + mapped.message
            return mapped
        }
        // Store and PostgreSQL (store helper).
        if let error = error as? PostgresError {
            if error.kind == .invalidConnectionString { return CLIFailure(.usage, "database: \(error.message)") }
            if error.isConnectionFailure { return CLIFailure(.databaseUnavailable, "database unavailable: \(error.message)") }
            if error.isReadOnlyServer {
                return CLIFailure(.databaseUnavailable, "database unavailable for writing: the server only reads (a standby, or a primary a failover demoted): \(error.message)")
            }
            return CLIFailure(.failure, "database error: \(error)")
        }
        if let error = error as? EventStoreError {
            switch error {
            case .wrongExpectedVersion: return CLIFailure(.conflict, error.description + " (re-read and retry)")
            case .eventIDConflict, .invalidArgument: return CLIFailure(.usage, error.description)
            }
        }
        if let error = error as? MigrationError { return CLIFailure(.failure, error.description) }
        if let error = error as? StrategyError {
            if case .conflictingHistory = error { return CLIFailure(.conflict, error.description) }
            return CLIFailure(.usage, error.description)
        }
        if let failure = TradeErrorMapping.map(error) { return failure }
        return nil
    }
}
