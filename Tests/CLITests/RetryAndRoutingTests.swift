@testable import EventStore
import Foundation
import Ledger
import PostgresClient
import Testing
import TestSupport
@testable import ALVHCLI

/// The pure parts of surviving a lost server (issue 20): `--retry-for`, the backoff, which failures
/// are retried, how a command's purpose routes it among several hosts, and the bad-input rules. The
/// behaviour against real servers is in `ReliabilityTests/FailoverTests`.
@Suite("Retry and routing")
struct RetryAndRoutingTests {
    @Test("--retry-for takes 500ms, 30s, 2m, 1h or bare seconds; refuses negative, malformed or over a day")
    func durations() throws {
        for (text, seconds) in [("30s", 30.0), ("500ms", 0.5), ("2m", 120), ("1h", 3600), ("0", 0), ("1.5", 1.5), ("24h", 86_400)] {
            #expect(try RetryDuration.seconds(text, field: "--retry-for") == seconds, "\(text)")
        }
        func rule(_ text: String) -> String? {
            do { _ = try RetryDuration.seconds(text, field: "--retry-for"); return nil } catch let failure as CLIFailure {
                return failure.status == .usage ? failure.message : "status \(failure.status)"
            } catch { return "\(error)" }
        }
        #expect(rule("-5s") == "--retry-for: must not be negative (got '-5s')")
        #expect(rule("25h") == "--retry-for: must be at most 24h (got '25h')")
        for bad in ["5x", "", "s", "ms", "1e3", "inf", "nan", "0x10", "1m30s", "--"] {
            #expect(rule(bad)?.hasPrefix("--retry-for: must be a duration like 30s, 500ms, 2m or 0") == true, "\(bad): \(rule(bad) ?? "accepted")")
        }
    }

    @Test("budget: the flag, else ALVH_RETRY_FOR, else 30 s for several hosts and 0 for one")
    func budgets() throws {
        #expect(try RetryPolicy.resolve(flag: "5s", environment: ["ALVH_RETRY_FOR": "9s"], hostCount: 2).budget == 5)
        #expect(try RetryPolicy.resolve(flag: nil, environment: ["ALVH_RETRY_FOR": "9s"], hostCount: 1).budget == 9)
        #expect(try RetryPolicy.resolve(flag: nil, environment: [:], hostCount: 2).budget == 30)
        #expect(try RetryPolicy.resolve(flag: nil, environment: ["ALVH_RETRY_FOR": ""], hostCount: 1).budget == 0)
        #expect(throws: CLIFailure.self) { try RetryPolicy.resolve(flag: nil, environment: ["ALVH_RETRY_FOR": "soon"], hostCount: 2) }
    }

    @Test("pauses double from 0.1 s to 2 s, scaled by the jitter, and the last one ends at the budget")
    func backoff() {
        let policy = RetryPolicy(budget: 10)
        #expect((1...7).map { policy.pause(beforeRetry: $0) } == [0.1, 0.2, 0.4, 0.8, 1.6, 2, 2])
        #expect(policy.nextPause(retry: 3, elapsed: 1, jitter: 0.5) == 0.2)
        #expect(policy.nextPause(retry: 9, elapsed: 9.5, jitter: 1) == 0.5)
        #expect(policy.nextPause(retry: 9, elapsed: 10, jitter: 1) == nil)
        #expect(RetryPolicy(budget: 0).nextPause(retry: 1, elapsed: 0, jitter: 1) == nil)
    }

    @Test("retried: exactly what exits 4 (lost, refused, shut down, read-only); never conflicts or bad input")
    func retryable() {
        let lost: [Error] = [
            PostgresError(kind: .connectionFailed, message: "connection refused"),
            PostgresError(kind: .statementFailed, sqlState: SQLState.adminShutdown.rawValue, message: "terminating connection"),
            PostgresError(kind: .statementFailed, sqlState: SQLState.cannotConnectNow.rawValue, message: "starting up"),
            PostgresError(kind: .statementFailed, sqlState: SQLState.connectionFailure.rawValue, message: "reset"),
            PostgresError(kind: .statementFailed, sqlState: SQLState.readOnlySQLTransaction.rawValue, message: "read-only transaction"),
            BatchAppendFailure(batchIndex: 3, underlying: PostgresError(kind: .connectionFailed, message: "gone")),
        ]
        for error in lost { #expect(RetryPolicy.isRetryable(error), "\(error)") }
        let final: [Error] = [
            EventStoreError.wrongExpectedVersion(stream: "condor-x", expected: .exact(1), actual: 2),
            EventStoreError.invalidArgument("bad"),
            LedgerValidationError(field: "--short-put", rule: "must be above --long-put"),
            CLIFailure.invalid("--retry-for", "must not be negative"),
            PostgresError(kind: .statementFailed, sqlState: SQLState.uniqueViolation.rawValue, message: "duplicate"),
            PostgresError(kind: .invalidConnectionString, message: "invalid connection string"),
        ]
        for error in final { #expect(!RetryPolicy.isRetryable(error), "\(error)") }
        let readOnly = ErrorReporting.describe(lost[4])
        #expect(readOnly.0 == .databaseUnavailable && readOnly.1.hasPrefix("alvh: database unavailable for writing: the server only reads"))
    }

    @Test("writers go to the primary when the URL names several hosts or prefers a standby; one host is untouched")
    func routingForWriting() throws {
        func attributes(_ string: String) throws -> String? {
            try ConnectionString.parse(string).last { $0.key == "target_session_attrs" }?.value
        }
        #expect(try ServerRouting.hostCount("postgresql://u@h1:5432,h2:5433/db", environment: [:]) == 2)
        #expect(try ServerRouting.hostCount("host=/a,/b,/c dbname=x", environment: [:]) == 3)
        #expect(try ServerRouting.hostCount("", environment: ["PGHOST": "h1,h2"]) == 2)
        #expect(try ServerRouting.hostCount("dbname=x", environment: ["PGHOST": "h1,h2"]) == 2)
        #expect(try ServerRouting.hostCount("postgresql://u@h/db", environment: ["PGHOST": "a,b"]) == 1)

        let single = "postgresql://u@h/db?sslmode=disable"
        #expect(try ServerRouting.forWriting(single, environment: [:]) == single)
        let pinned = "host=/a,/b dbname=x target_session_attrs=read-write"
        #expect(try ServerRouting.forWriting(pinned, environment: [:]) == pinned)
        let several = try ServerRouting.forWriting("postgresql://u@h1,h2/db?sslmode=disable", environment: [:])
        #expect(try attributes(several) == "read-write")
        #expect(try ConnectionString.parse(several).contains { $0.key == "sslmode" && $0.value == "disable" })
        #expect(try attributes(ServerRouting.forWriting("postgresql://u@h/db?target_session_attrs=prefer-standby", environment: [:])) == "read-write")
        #expect(try ServerRouting.forWriting("", environment: ["PGTARGETSESSIONATTRS": "standby"]) == "target_session_attrs='read-write'")
        #expect(try ServerRouting.forWriting("", environment: ["PGHOST": "/tmp"]) == "")
    }

    @Test("readers follow --read-from: standby is prefer-standby, primary is primary, none keeps the URL")
    func routingForReading() throws {
        let url = "postgresql://u@h1,h2/db?target_session_attrs=read-write"
        #expect(try ServerRouting.forReading(url, preference: nil) == url)
        #expect(try ConnectionString.parse(ServerRouting.forReading(url, preference: .standby)).last { $0.key == "target_session_attrs" }?.value == "prefer-standby")
        #expect(try ConnectionString.parse(ServerRouting.forReading(url, preference: .primary)).last { $0.key == "target_session_attrs" }?.value == "primary")
        #expect(try ReadPreference.parse("STANDBY") == .standby)
        #expect(throws: CLIFailure.self) { try ReadPreference.parse("replica") }
    }

    @Test("the global options before the command are moved behind it")
    func hoisting() {
        #expect(GlobalArguments.hoist(["--retry-for", "10s", "--read-from=standby", "--json", "positions", "--all"])
            == ["positions", "--all", "--retry-for", "10s", "--read-from=standby", "--json"])
        #expect(GlobalArguments.hoist(["--retry-for=-5s", "mark", "--", "x"]) == ["mark", "--retry-for=-5s", "--", "x"])
    }

    @Test("a recording session: several hosts mean 30 s and the primary; bad values are exit 2 before anything starts")
    func sessions() throws {
        let global = try GlobalOptions.parse(["--database", "host=/nonexistent-alvh-a,/nonexistent-alvh-b dbname=x"])
        let session = try RecordingSession.make(global, environment: [:])
        #expect(session.policy.budget == 30)
        #expect(try ConnectionString.parse(session.connectionString).last { $0.key == "target_session_attrs" }?.value == "read-write")
        #expect(try RecordingSession.make(GlobalOptions.parse(["--database", "host=/nonexistent-alvh dbname=x"]), environment: [:]).policy.budget == 0)

        func refusal(_ arguments: [String], environment: [String: String] = [:]) -> String? {
            do { _ = try RecordingSession.make(GlobalOptions.parse(arguments), environment: environment); return nil } catch let failure as CLIFailure {
                return failure.status == .usage ? failure.message : "status \(failure.status)"
            } catch { return "\(error)" }
        }
        // No ALVH_HOME: the embedded cluster would be started if these got that far.
        #expect(refusal(["--read-from", "standby"], environment: ["ALVH_HOME": "/nonexistent-alvh-home"])
            == "--read-from: standby is only for commands that read; a recording command writes, so it always goes to the primary")
        #expect(refusal(["--retry-for", "-1s"], environment: ["ALVH_HOME": "/nonexistent-alvh-home"]) == "--retry-for: must not be negative (got '-1s')")
        #expect(refusal([], environment: ["ALVH_HOME": "/nonexistent-alvh-home", "ALVH_RETRY_FOR": "later"])?.hasPrefix("ALVH_RETRY_FOR: must be a duration") == true)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-alvh-home"))
    }

    @Test("bad --retry-for or --read-from on a recording command: the flag and the rule, exit 2, nothing written")
    func badInputWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let mark = ["mark", "--at", "2026-03-02T21:00:00Z", "--spx", "5000", "--vix", "20", "--database", database.connectionString]
        for (extra, message) in [(["--read-from", "standby"], "alvh: --read-from: standby is only for commands that read"),
                                 (["--retry-for", "-3s"], "alvh: --retry-for: must not be negative (got '-3s')"),
                                 (["--retry-for", "later"], "alvh: --retry-for: must be a duration like 30s"),
                                 (["--read-from", "replica"], "alvh: --read-from: must be primary or standby (got 'replica')")] {
            let run = ALVHProcess.run(mark + extra)
            #expect(run.status == ExitStatus.usage.rawValue && run.stderr.hasPrefix(message), "\(extra): \(run.stderr)")
        }
        let connection = try database.connect()
        defer { connection.close() }
        #expect(try connection.query("SELECT count(*)::int8 FROM events").scalar(Int64.self) == 0)
        // Reading commands take --read-from (a primary answers when no standby does), and refuse a bad --retry-for too.
        let positions = ALVHProcess.run(["positions", "--read-from", "standby", "--database", database.connectionString])
        #expect(positions.status == 0 && positions.stderr.isEmpty, "\(positions.stderr)")
        let badRetry = ALVHProcess.run(["positions", "--retry-for", "soon", "--database", database.connectionString])
        #expect(badRetry.status == ExitStatus.usage.rawValue && badRetry.stderr.hasPrefix("alvh: --retry-for: must be a duration"), "\(badRetry.stderr)")
    }
}
