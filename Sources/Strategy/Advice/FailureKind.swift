import EventStore
import Finance
import Ledger
import PostgresClient

/// How the command line should report an error from the layers below: the class and one line.
public enum FailureKind: Sendable, Equatable {
    /// Bad input (exit 2).
    case usage
    /// A concurrency or history conflict (exit 3).
    case conflict
    /// The database could not be reached (exit 4).
    case databaseUnavailable
    /// Anything else (exit 1).
    case other

    /// Classifies errors of the strategy, ledger, finance, store and client modules; nil for others.
    public static func classify(_ error: Error) -> (FailureKind, String)? {
        switch error {
        case let e as StrategyError:
            if case .conflictingHistory = e { return (.conflict, e.description) }
            return (.usage, e.description)
        case let e as LedgerValidationError: return (.usage, e.description)
        case let e as FinanceError: return (.usage, e.description)
        case let e as EventStoreError:
            switch e {
            case .wrongExpectedVersion, .eventIDConflict: return (.conflict, e.description)
            case .invalidArgument: return (.usage, e.description)
            }
        case let e as PostgresError:
            switch e.kind {
            case .connectionFailed, .invalidConnectionString: return (.databaseUnavailable, "database unavailable: \(e.message)")
            default: return (.other, "database error: \(e.message)")
            }
        default: return nil
        }
    }
}
