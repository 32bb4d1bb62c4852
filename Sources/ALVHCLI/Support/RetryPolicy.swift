import Foundation

/// How long, and how often, a recording command re-sends itself after losing the database.
///
/// A command is retried exactly when it would otherwise exit 4 (database unavailable: the connection
/// was refused, reset or lost, the server shut down or is starting, `57P01`–`57P03`, class `08`, too
/// many clients, or `25006` read-only after a failover). Conflicts (exit 3), bad input (exit 2) and
/// every other failure are final at once. Pauses double from 0.1 s up to 2 s, each shortened by a
/// random factor in [0.5, 1] so that writers that lost the server together do not return together.
struct RetryPolicy: Equatable {
    /// Seconds after the first failure during which new attempts start (0: never retry).
    var budget: Double
    var firstPause: Double = 0.1
    var longestPause: Double = 2

    /// The default budget for a connection naming several hosts (a primary and its standbys).
    static let multiHostBudget: Double = 30

    /// `--retry-for`, else `ALVH_RETRY_FOR`, else 30 s when the connection names several hosts, else 0.
    static func resolve(flag: String?, environment: [String: String], hostCount: Int) throws -> RetryPolicy {
        if let flag { return RetryPolicy(budget: try RetryDuration.seconds(flag, field: "--retry-for")) }
        if let value = environment["ALVH_RETRY_FOR"], !value.isEmpty {
            return RetryPolicy(budget: try RetryDuration.seconds(value, field: "ALVH_RETRY_FOR"))
        }
        return RetryPolicy(budget: hostCount > 1 ? multiHostBudget : 0)
    }

    /// Checks `--retry-for` and `ALVH_RETRY_FOR` for commands that do not retry (exit 2 when malformed),
    /// so that a bad value is refused whatever the command.
    static func check(_ global: GlobalOptions, environment: [String: String]) throws {
        _ = try resolve(flag: global.retryFor, environment: environment, hostCount: 1)
    }

    /// The pause before retry number `retry` (1, 2, …) before jitter: 0.1, 0.2, 0.4 … at most 2 s.
    func pause(beforeRetry retry: Int) -> Double {
        min(longestPause, firstPause * pow(2, Double(max(0, retry - 1))))
    }

    /// The pause before retry number `retry`, `elapsed` seconds after the first failure, or nil when
    /// the budget is spent. `jitter` in [0.5, 1] scales the pause; the last pause ends at the budget.
    func nextPause(retry: Int, elapsed: Double, jitter: Double) -> Double? {
        let remaining = budget - elapsed
        guard remaining > 0 else { return nil }
        return min(pause(beforeRetry: retry) * jitter, remaining)
    }

    /// Whether `error` may clear up when the command is sent again on a new session: exactly the
    /// errors the command line reports as database unavailable (exit 4).
    static func isRetryable(_ error: Error) -> Bool {
        ErrorReporting.describe(error).0 == .databaseUnavailable
    }
}
