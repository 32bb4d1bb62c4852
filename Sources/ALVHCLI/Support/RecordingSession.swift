import EventStore
import Foundation

/// The one way a recording command reaches the ledger: trade commands (`TradeRunner`), `import`,
/// `import-broker`, `backtest` and `demo` hand it their already parsed work — "record this command
/// with this command id" — and it runs that work on a fresh session (connected to the primary and
/// migrated). When the server is lost (see `RetryPolicy`), it reconnects and runs the same work
/// again, with backoff, for up to `--retry-for`. The work must be safe to repeat: a trade command
/// re-sends the same command id, so a first attempt that had in fact committed comes back as
/// already recorded; imports and backtests derive their ids from their input and resume.
struct RecordingSession {
    /// The connection string, routed to the primary (`ServerRouting.forWriting`).
    let connectionString: String
    let policy: RetryPolicy
    /// Where the retry notices go (stderr).
    var notice: (String) -> Void = RecordingSession.standardError

    /// The session for `global`: `--read-from standby` is refused and `--retry-for` / `ALVH_RETRY_FOR`
    /// checked (exit 2) before anything is started; then the database is resolved (starting the
    /// embedded cluster if that is the target).
    static func make(_ global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RecordingSession {
        try ReadPreference.requireWriting(global, command: "a recording command")
        let source = try DatabaseTarget.resolve(database: global.database, environment: environment)
        let policy = try RetryPolicy.resolve(flag: global.retryFor, environment: environment,
                                             hostCount: try ServerRouting.hostCount(source, environment: environment))
        let target = try DatabaseTarget.connectionString(for: global, environment: environment, notice: standardError)
        return RecordingSession(connectionString: try ServerRouting.forWriting(target, environment: environment), policy: policy)
    }

    /// What the work returned, and the session it succeeded on (still open).
    struct Recorded<Value> {
        var value: Value
        var store: EventStore
        /// 1 when the first attempt succeeded.
        var attempts: Int
    }

    /// Runs `work` until it succeeds, fails with an error that is not retried, or the budget is spent
    /// (then the last error is thrown, saying how long it retried). After success the projections
    /// catch up when `catchUp` (a failure there is only a warning: the command is recorded).
    func record<Value>(catchUp: Bool = true, _ work: (EventStore) throws -> Value) throws -> Recorded<Value> {
        var attempts = 0
        var firstFailure: Date?
        var reconnected = false
        while true {
            attempts += 1
            var opened: EventStore?
            do {
                let store = try LedgerSession.connect(connectionString, migrate: true)
                opened = store
                if let firstFailure, !reconnected {
                    reconnected = true
                    notice("alvh: reconnected to \(store.connection.serverAddress) after \(Self.seconds(Date().timeIntervalSince(firstFailure))) and \(attempts) attempts")
                }
                let value = try work(store)
                if catchUp { LedgerSession.catchUpAfterRecording(store) }
                return Recorded(value: value, store: store, attempts: attempts)
            } catch where RetryPolicy.isRetryable(error) {
                opened?.connection.close()
                let started = firstFailure ?? Date()
                firstFailure = started
                let elapsed = Date().timeIntervalSince(started)
                guard let pause = policy.nextPause(retry: attempts, elapsed: elapsed, jitter: Double.random(in: 0.5...1)) else {
                    throw gaveUp(error, attempts: attempts, elapsed: elapsed)
                }
                if attempts == 1 {
                    notice("alvh: \(ErrorReporting.describe(error).1.dropFirst("alvh: ".count)); retrying for up to \(Self.seconds(policy.budget))")
                }
                Thread.sleep(forTimeInterval: pause)
            }
        }
    }

    /// The last error after retrying in vain; unchanged when retrying is off.
    func gaveUp(_ error: Error, attempts: Int, elapsed: Double) -> Error {
        guard attempts > 1 else { return error }
        let (status, message) = ErrorReporting.describe(error)
        return CLIFailure(status, String(message.dropFirst("alvh: ".count)) + " (gave up after \(attempts) attempts in \(Self.seconds(elapsed)); --retry-for sets how long)")
    }

    static func seconds(_ value: Double) -> String {
        String(format: value < 10 ? "%.1f s" : "%.0f s", value)
    }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
