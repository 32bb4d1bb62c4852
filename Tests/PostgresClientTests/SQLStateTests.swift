import Foundation
import PostgresClient
import Testing
import TestSupport

/// Named SQLSTATEs and the failure classes built on them (issue 15 point 4, issue 20).
@Suite struct SQLStateTests {
    @Test func namesClassesAndTheFailuresTheyMake() {
        #expect(SQLState.uniqueViolation.rawValue == "23505")
        #expect(SQLState.readOnlySQLTransaction == SQLState("25006"))
        #expect(SQLState.connectionFailure.errorClass == "08" && SQLState.connectionFailure.isConnectionException)
        #expect(!SQLState.adminShutdown.isConnectionException)

        func failure(_ state: String?) -> PostgresError { PostgresError(kind: .statementFailed, sqlState: state, message: "m") }
        #expect(failure("23505").code == .uniqueViolation)
        #expect(failure(nil).code == nil)
        for lost in ["57P01", "57P02", "57P03", "53300", "08006", "08001", "08P01"] {
            #expect(failure(lost).isConnectionFailure, "\(lost)")
            #expect(!failure(lost).isReadOnlyServer, "\(lost)")
        }
        for statement in ["23505", "42601", "40001", "55P03", "25P03"] {
            #expect(!failure(statement).isConnectionFailure && !failure(statement).isReadOnlyServer, "\(statement)")
        }
        #expect(failure("25006").isReadOnlyServer && !failure("25006").isConnectionFailure)
        #expect(PostgresError(kind: .connectionFailed, message: "refused").isConnectionFailure)
    }

    @Test func aWriteOnAReadOnlySessionIsNamedAsSuch() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute("SET default_transaction_read_only = on")
        let error = try #require(throws: PostgresError.self) { try connection.execute("CREATE TABLE t (x int)") }
        #expect(error.code == .readOnlySQLTransaction)
        #expect(error.isReadOnlyServer && !error.isConnectionFailure)
    }

    @Test func theSessionKnowsItsServerAndRole() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        #expect(connection.isInHotStandby == false, "the test server is a primary")
        let port = try connection.query("SHOW port").scalar(String.self)
        #expect(connection.serverAddress.hasSuffix(":" + port), "\(connection.serverAddress)")
        connection.close()
        #expect(connection.isInHotStandby == nil && connection.serverAddress.isEmpty)
    }
}
