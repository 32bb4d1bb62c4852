import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct ClientBehaviourTests {
    @Test func statementErrorsCarrySQLStateDetailAndConstraint() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
        try connection.execute("INSERT INTO t VALUES ($1)", [1])
        let error = try #require(throws: PostgresError.self) { try connection.execute("INSERT INTO t VALUES ($1)", [1]) }
        #expect(error.code == .uniqueViolation)
        #expect(error.kind == .statementFailed)
        #expect(error.constraint == "t_pkey")
        #expect(error.detail?.contains("(id)=(1)") == true)
        #expect(!error.isConnectionFailure)
        let syntax = try #require(throws: PostgresError.self) { try connection.execute("SELEC 1") }
        #expect(syntax.code == .syntaxError)
        // The session is still usable after errors.
        #expect(try connection.query("SELECT 2").scalar(Int.self) == 2)
    }

    @Test func transactionRollsBackWhenBodyThrows() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Stop()
            }
        }
        try connection.transaction { try connection.execute("INSERT INTO t VALUES (2)") }
        #expect(try connection.query("SELECT array_agg(id) FROM t").scalar([Int64].self) == [2])
        #expect(connection.transactionStatus == .idle)
    }

    @Test func pipelineRunsStatementsInOneRoundTripAndStopsAtTheFirstError() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
        let results = try connection.pipeline([
            PostgresStatement("BEGIN"),
            PostgresStatement("INSERT INTO t VALUES ($1), ($2)", [1, 2]),
            PostgresStatement("SELECT count(*) FROM t"),
            PostgresStatement("COMMIT"),
        ])
        #expect(results.count == 4)
        #expect(try results[2].scalar(Int.self) == 2)
        let error = try #require(throws: PostgresError.self) {
            try connection.pipeline([
                PostgresStatement("BEGIN"),
                PostgresStatement("INSERT INTO t VALUES ($1)", [3]),
                PostgresStatement("INSERT INTO t VALUES ($1)", [1]),
                PostgresStatement("COMMIT"),
            ])
        }
        #expect(error.code == .uniqueViolation)
        // All or nothing: 3 was rolled back, and the session is idle again.
        #expect(connection.transactionStatus == .idle)
        #expect(try connection.query("SELECT count(*) FROM t").scalar(Int.self) == 2)
    }

    @Test func copyInAndOut() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int, note text, amount numeric)")
        let copied = try connection.copyIn("COPY t (id, note, amount) FROM STDIN") { writer in
            for index in 1...1000 {
                try writer.writeRow([String(index), index == 7 ? nil : "line\tbreak\n\\ \(index)", "\(index).25"])
            }
        }
        #expect(copied == 1000)
        #expect(try connection.query("SELECT note FROM t WHERE id = 3").scalar(String.self) == "line\tbreak\n\\ 3")
        #expect(try connection.query("SELECT note FROM t WHERE id = 7").scalar(String?.self) == nil)
        #expect(try connection.query("SELECT sum(amount) FROM t").scalar(Decimal.self) == Decimal(string: "500750")!)
        var lines: [String] = []
        let rows = try connection.copyOut("COPY (SELECT id, amount FROM t WHERE id <= 3 ORDER BY id) TO STDOUT") { bytes in
            lines.append(String(decoding: bytes, as: UTF8.self))
        }
        #expect(rows == 3)
        #expect(lines == ["1\t1.25\n", "2\t2.25\n", "3\t3.25\n"])
        // A failing COPY writes nothing and leaves the session usable.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.copyIn("COPY t (id) FROM STDIN") { writer in
                try writer.writeRow(["5000"])
                throw Stop()
            }
        }
        #expect(try connection.query("SELECT count(*) FROM t").scalar(Int.self) == 1000)
    }

    @Test func listenAndNotify() throws {
        let database = try TestDatabase.create()
        let listener = try database.connect()
        let sender = try database.connect()
        try listener.listen("alvh test channel")
        #expect(try listener.waitForNotification(timeout: 0.05) == nil)
        try sender.notify("alvh test channel", payload: "42")
        let notification = try #require(try listener.waitForNotification(timeout: 5))
        #expect(notification.channel == "alvh test channel")
        #expect(notification.payload == "42")
        #expect(notification.senderPID == sender.backendPID)
        // Notifications sent inside a transaction arrive only at commit.
        try sender.transaction {
            try sender.notify("alvh test channel", payload: "late")
            #expect(try listener.waitForNotification(timeout: 0.2) == nil)
        }
        #expect(try listener.waitForNotification(timeout: 5)?.payload == "late")
    }

    @Test func aKilledSessionIsAConnectionFailure() throws {
        let database = try TestDatabase.create()
        let victim = try database.connect()
        let killer = try database.connect()
        try killer.execute("SELECT pg_terminate_backend($1)", [victim.backendPID])
        Thread.sleep(forTimeInterval: 0.1)
        let error = try #require(throws: PostgresError.self) { try victim.query("SELECT 1") }
        #expect(error.isConnectionFailure)
    }
}
