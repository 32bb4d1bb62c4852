import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct PipelinedUnitsTests {
    @Test func preparedStatementRunsAgainWithNewValuesAndSurvivesDiscardAll() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int PRIMARY KEY, note text)")
        for id in 1...5 {
            try connection.queryPrepared("INSERT INTO t VALUES ($1, $2)", [id, "n\(id)"])
        }
        // One server-side statement for the five inserts.
        #expect(try connection.query("SELECT count(*) FROM pg_prepared_statements").scalar(Int.self) == 1)
        #expect(try connection.queryPrepared("SELECT note FROM t WHERE id = $1", [4]).scalar(String.self) == "n4")
        // After DISCARD ALL the server forgot them: the next call prepares again.
        try connection.execute("DISCARD ALL")
        #expect(try connection.queryPrepared("SELECT note FROM t WHERE id = $1", [2]).scalar(String.self) == "n2")
        // Errors carry SQLSTATE as with query, and the session stays usable.
        let duplicate = try #require(throws: PostgresError.self) { try connection.queryPrepared("INSERT INTO t VALUES ($1, $2)", [1, "again"]) }
        #expect(duplicate.code == .uniqueViolation)
        #expect(try connection.query("SELECT count(*) FROM t").scalar(Int.self) == 5)
    }

    @Test func unitsRunInOrderAndRepliesArriveInOrder() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
        var built: [Int] = []
        var replies: [(Int, Int)] = []
        try connection.pipelineUnits(count: 20, window: 3, unit: { index in
            built.append(index)
            return [PostgresStatement("BEGIN"), PostgresStatement("INSERT INTO t VALUES ($1)", [index]),
                    PostgresStatement("SELECT count(*) FROM t"), PostgresStatement("COMMIT")]
        }, reply: { index, results in
            #expect(results.count == 4)
            replies.append((index, try results[2].scalar(Int.self)))
        })
        #expect(built == Array(0..<20))
        // Unit i sees the i earlier rows plus its own: the units ran one after another.
        #expect(replies.map(\.0) == Array(0..<20))
        #expect(replies.map(\.1) == Array(1...20))
        #expect(connection.transactionStatus == .idle)
    }

    @Test func aFailedUnitIsRolledBackAndNoLaterUnitRuns() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
        try connection.execute("INSERT INTO t VALUES (1000)")
        var replied: [Int] = []
        // Unit 3 inserts 3 and then the existing 1000: it fails; units 4… were sent (window 4) but must not run.
        let failure = try #require(throws: PipelineUnitFailure.self) {
            try connection.pipelineUnits(count: 10, window: 4, unit: { index in
                [PostgresStatement("BEGIN"), PostgresStatement("INSERT INTO t VALUES ($1)", [index]),
                 PostgresStatement("INSERT INTO t VALUES ($1)", [index == 3 ? 1000 : 100 + index]), PostgresStatement("COMMIT")]
            }, reply: { index, _ in replied.append(index) })
        }
        #expect(failure.unit == 3)
        #expect(failure.error.code == .uniqueViolation)
        #expect(replied == [0, 1, 2])
        #expect(connection.transactionStatus == .idle)
        let ids = try connection.query("SELECT id FROM t ORDER BY id").rows.map { try $0.decode(Int.self, 0) }
        #expect(ids == [0, 1, 2, 100, 101, 102, 1000])
        // The session is usable, in and out of pipeline mode.
        try connection.pipelineUnits(count: 1, unit: { _ in [PostgresStatement("INSERT INTO t VALUES ($1)", [5])] }, reply: { _, _ in })
        #expect(try connection.query("SELECT count(*) FROM t").scalar(Int.self) == 8)
    }

    @Test func anErrorThrownByTheCallerLetsSentUnitsFinishAndLeavesTheSessionUsable() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.pipelineUnits(count: 10, window: 2, unit: { index in
                if index == 5 { throw Stop() }
                return [PostgresStatement("INSERT INTO t VALUES ($1)", [index])]
            }, reply: { _, _ in })
        }
        #expect(connection.transactionStatus == .idle)
        #expect(try connection.query("SELECT count(*) FROM t").scalar(Int.self) == 5)
    }

    @Test func pipelinedUnitsNeedAnIdleSession() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.execute("BEGIN")
        let error = try #require(throws: PostgresError.self) {
            try connection.pipelineUnits(count: 1, unit: { _ in [PostgresStatement("SELECT 1")] }, reply: { _, _ in })
        }
        #expect(error.kind == .misuse)
        try connection.execute("ROLLBACK")
    }
}
