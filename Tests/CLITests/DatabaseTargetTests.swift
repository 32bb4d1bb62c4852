import Foundation
import Testing
@testable import ALVHCLI
@testable import EventStore

/// How `alvh` picks its database: --database, then DATABASE_URL, then PG*, then the embedded cluster.
@Suite("DatabaseTarget")
struct DatabaseTargetTests {
    let everything = [
        "DATABASE_URL": "postgresql://env@db.example/ledger",
        "PGHOST": "/var/run/postgresql",
        "PGDATABASE": "ledger",
        "ALVH_HOME": "/srv/alvh-home",
    ]

    @Test("--database wins over DATABASE_URL, which wins over PG*, which wins over the embedded cluster")
    func precedence() throws {
        #expect(try DatabaseTarget.resolve(database: "postgresql://flag@db/ledger", environment: everything)
            == .option("postgresql://flag@db/ledger"))

        var environment = everything
        #expect(try DatabaseTarget.resolve(database: nil, environment: environment)
            == .databaseURL("postgresql://env@db.example/ledger"))

        environment["DATABASE_URL"] = nil
        #expect(try DatabaseTarget.resolve(database: nil, environment: environment) == .libpqEnvironment)
        environment["PGHOST"] = nil
        #expect(try DatabaseTarget.resolve(database: nil, environment: environment) == .libpqEnvironment)  // PGDATABASE alone

        environment["PGDATABASE"] = nil
        #expect(try DatabaseTarget.resolve(database: nil, environment: environment)
            == .embedded(home: URL(fileURLWithPath: "/srv/alvh-home")))
        // An empty DATABASE_URL counts as unset.
        environment["DATABASE_URL"] = ""
        #expect(try DatabaseTarget.resolve(database: nil, environment: environment)
            == .embedded(home: URL(fileURLWithPath: "/srv/alvh-home")))
    }

    @Test("configured values are passed through unchanged; PG* gives libpq an empty string")
    func connectionStrings() throws {
        var silent: [String] = []
        let flag = try GlobalOptions.parse(["--database", "host=/tmp dbname=ledger"])
        #expect(try DatabaseTarget.connectionString(for: flag, environment: everything) { silent.append($0) } == "host=/tmp dbname=ledger")
        let none = try GlobalOptions.parse([])
        #expect(try DatabaseTarget.connectionString(for: none, environment: everything) { silent.append($0) } == "postgresql://env@db.example/ledger")
        #expect(try DatabaseTarget.connectionString(for: none, environment: ["PGHOST": "/tmp"]) { silent.append($0) } == "")
        #expect(silent.isEmpty)
    }

    @Test("a value that is neither a URL nor a keyword string is refused, naming the field (exit 2)")
    func badValues() throws {
        for (database, environment, field) in [("foo", [String: String](), "--database"),
                                               ("", [:], "--database"),
                                               (nil, ["DATABASE_URL": "localhost"], "DATABASE_URL")] as [(String?, [String: String], String)] {
            #expect {
                try DatabaseTarget.resolve(database: database, environment: environment)
            } throws: { error in
                guard let failure = error as? CLIFailure else { return false }
                return failure.status == .usage && failure.message.hasPrefix("\(field): ")
                    && failure.message.contains("postgresql:// URL or a libpq keyword string")
            }
        }
        for accepted in ["postgres://u@h/db", "PostgreSQL://u@h/db", "host=/tmp", "dbname = ledger", "service=alvh"] {
            #expect(throws: Never.self) { try DatabaseTarget.validate(accepted, field: "--database") }
        }
        // Through the command line: one message, exit 2, nothing started.
        #expect(ALVHMain.run(["--database", "foo", "db", "status"]) == ExitStatus.usage.rawValue)
    }

    @Test("status masks passwords in URLs and keyword strings")
    func masking() throws {
        #expect(MaskedConnectionString.mask("postgresql://trader:s3cret@db.example:5432/ledger?sslmode=require&password=x")
            == "postgresql://trader:***@db.example:5432/ledger?sslmode=require&password=***")
        #expect(MaskedConnectionString.mask("postgres://trader@db/ledger") == "postgres://trader@db/ledger")
        #expect(MaskedConnectionString.mask("postgresql://a:b@h1,h2/db") == "postgresql://a:***@h1,h2/db")
        #expect(MaskedConnectionString.mask("host=/tmp password='a \\'b' dbname=x") == "host=/tmp password=*** dbname=x")
        #expect(MaskedConnectionString.mask("host=/tmp PASSWORD = plain user=u") == "host=/tmp PASSWORD = *** user=u")

        let fromEnvironment = try DatabaseStatusReport.make(database: nil, environment: ["PGHOST": "/nonexistent-alvh", "PGPASSWORD": "hidden"])
        #expect(fromEnvironment.environment == ["PGHOST": "/nonexistent-alvh"])
    }

    @Test("status of an unreachable server: password masked, 'no response', exit 4, no hang")
    func unreachableServer() throws {
        let url = "postgresql://trader:s3cret@/ledger?host=/nonexistent-alvh-socket-dir"
        let report = try DatabaseStatusReport.make(database: url, environment: [:])
        #expect(report.text == "database: postgresql://trader:***@/ledger?host=/nonexistent-alvh-socket-dir (from --database)\n  server: no response")
        #expect(try report.json() == #"{"connection":"postgresql://trader:***@/ledger?host=/nonexistent-alvh-socket-dir","server":"no response","source":"--database"}"#)
        #expect(report.isUnavailable)
        #expect(report.unavailableFailure.message == "database unavailable: postgresql://trader:***@/ledger?host=/nonexistent-alvh-socket-dir (no response)")
        #expect(ALVHMain.run(["db", "status", "--database", url]) == ExitStatus.databaseUnavailable.rawValue)
    }

    @Test("status of the test server says it accepts connections", .enabled(if: ProcessInfo.processInfo.environment["ALVH_TEST_DATABASE_URL"] != nil))
    func reachableServer() throws {
        let url = try #require(ProcessInfo.processInfo.environment["ALVH_TEST_DATABASE_URL"])
        let report = try DatabaseStatusReport.make(database: nil, environment: ["DATABASE_URL": url])
        #expect(report.source == "DATABASE_URL")
        #expect(report.server == "accepting connections")
        #expect(!report.isUnavailable)
        #expect(ALVHMain.run(["db", "status", "--database", url]) == ExitStatus.success.rawValue)
    }

    @Test("the embedded default starts the cluster and says so once on stderr")
    func embeddedDefault() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-target-test-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: home) }
        let cluster = LocalCluster(directory: home)
        defer { try? cluster.destroy() }
        let environment = ["ALVH_HOME": home.path]
        let none = try GlobalOptions.parse([])

        let before = try DatabaseStatusReport.make(database: nil, environment: environment)
        #expect(before.cluster?.state == "not created")

        var notices: [String] = []
        let first = try DatabaseTarget.connectionString(for: none, environment: environment) { notices.append($0) }
        #expect(first == cluster.connectionString)
        #expect(notices == ["alvh: using the embedded PostgreSQL cluster in \(home.path) (created)"])

        let second = try DatabaseTarget.connectionString(for: none, environment: environment) { notices.append($0) }
        #expect(second == first)
        #expect(notices.count == 1)  // already running: silent

        let after = try DatabaseStatusReport.make(database: nil, environment: environment)
        #expect(after.cluster?.state == "running")
        #expect(after.cluster?.pid != nil)
        #expect(after.text.contains("running (pid "))

        try cluster.stop()
        _ = try DatabaseTarget.connectionString(for: none, environment: environment) { notices.append($0) }
        #expect(notices.last == "alvh: using the embedded PostgreSQL cluster in \(home.path) (started)")
    }

    @Test("a missing PostgreSQL installation is 'database unavailable' (exit 4) naming the package")
    func missingServerBinaries() {
        let failure = DatabaseTarget.embeddedFailure(LocalClusterError.serverBinariesNotFound(searched: ["pg_config on PATH"]), home: URL(fileURLWithPath: "/srv/alvh"))
        #expect(failure.status == .databaseUnavailable)
        #expect(failure.message.hasPrefix("embedded PostgreSQL cluster in /srv/alvh: no PostgreSQL server binaries"))
        #expect(failure.message.contains("`postgresql` package") && failure.message.contains("DATABASE_URL"))
    }

    @Test("alvh db start|status|stop as separate processes: concurrent starts create one cluster")
    func dbCommandsEndToEnd() throws {
        let alvh = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("alvh")
        try #require(FileManager.default.isExecutableFile(atPath: alvh.path), "swift test builds the alvh executable next to the test bundle")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-db-cli-test-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: home) }
        defer { try? LocalCluster(directory: home).destroy() }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        environment["ALVH_HOME"] = home.path
        func alvhRun(_ arguments: [String]) throws -> ServerCommand.Result {
            try runProgram(alvh, arguments, environment: environment)
        }

        let notCreated = try alvhRun(["db", "status", "--json"])
        #expect(notCreated.status == 0)
        #expect(notCreated.standardOutput.contains(#""state":"not created""#))

        let outcomes = CommandOutcomes()
        let startEnvironment = environment
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            outcomes.append(try? runProgram(alvh, ["--json", "db", "start"], environment: startEnvironment))
        }
        let starts = outcomes.all
        #expect(starts.count == 2 && starts.allSatisfy { $0.status == 0 })
        let actions = starts.compactMap { $0.standardOutput.firstMatch(of: /"action":"([a-z ]+)"/)?.1 }.map(String.init).sorted()
        #expect(actions == ["already running", "created"])

        let running = try alvhRun(["db", "status"])
        #expect(running.status == 0)
        #expect(running.standardOutput.hasPrefix("embedded PostgreSQL cluster in \(home.path): running (pid "))

        let stopped = try alvhRun(["db", "stop"])
        #expect(stopped.status == 0)
        #expect(stopped.standardOutput.hasPrefix("embedded PostgreSQL cluster in \(home.path): stopped"))

        // A configured database takes precedence; start still manages the embedded cluster but says so.
        environment["DATABASE_URL"] = "postgresql://nobody@/none?host=/nonexistent-alvh"
        let overridden = try alvhRun(["db", "start"])
        #expect(overridden.status == 0)
        #expect(overridden.standardError == "alvh: note: DATABASE_URL is set, so other commands use that database, not the embedded cluster\n")
    }
}

/// Collects results from concurrent work.
private final class CommandOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [ServerCommand.Result] = []
    func append(_ result: ServerCommand.Result?) { lock.withLock { if let result { results.append(result) } } }
    var all: [ServerCommand.Result] { lock.withLock { results } }
}

/// Runs a program to completion with the given environment (posix_spawn + waitpid, see ServerCommand).
private func runProgram(_ program: URL, _ arguments: [String], environment: [String: String]) throws -> ServerCommand.Result {
    var command = ServerCommand(executable: program, arguments: arguments)
    command.environment = environment
    return try command.run()
}
