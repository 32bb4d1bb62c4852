import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct ConnectionFailureTests {
    @Test func malformedConnectionStringsAreRefusedWithoutConnecting() throws {
        for bad in ["postgresql://[::1", "host=x port", "postgresql://u@h/db?nonsense_option=1", "hostaddr='unterminated"] {
            let error = try #require(throws: PostgresError.self) { _ = try PostgresConnection(connectionString: bad) }
            #expect(error.kind == .invalidConnectionString, "\(bad)")
            #expect(error.message.hasPrefix("invalid connection string"), "\(bad): \(error.message)")
            #expect(!error.isConnectionFailure)
        }
    }

    @Test func unreachableServerFailsFastWithAClearMessage() throws {
        let started = Date()
        // A Unix socket directory with no server, and a TCP port nobody listens on.
        for target in ["host=/nonexistent/alvh-socket-dir dbname=x", "postgresql://nobody@127.0.0.1:1/x"] {
            let error = try #require(throws: PostgresError.self) { _ = try PostgresConnection(connectionString: target) }
            #expect(error.isConnectionFailure)
            #expect(error.message.hasPrefix("could not connect to the database"))
        }
        #expect(Date().timeIntervalSince(started) < 6)
    }

    @Test func connectTimeoutIsAppliedUnlessTheStringSetsOne() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        #expect(try connection.query("SHOW statement_timeout").scalar(String.self) == "1min")
        #expect(try connection.query("SHOW lock_timeout").scalar(String.self) == "5s")
        #expect(try connection.query("SHOW idle_in_transaction_session_timeout").scalar(String.self) == "30s")
        #expect(try connection.query("SHOW application_name").scalar(String.self) == "alvh")
        // The caller's own options win.
        let custom = try PostgresConnection(connectionString: database.connectionString + " options='-c lock_timeout=1234'")
        #expect(try custom.query("SHOW lock_timeout").scalar(String.self) == "1234ms")
        let parameters = try ConnectionString.parse("postgresql://u@h:5/db?connect_timeout=9")
        #expect(parameters.contains { $0.key == "connect_timeout" && $0.value == "9" })
    }
}
