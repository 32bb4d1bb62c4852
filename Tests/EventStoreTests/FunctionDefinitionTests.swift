import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

/// `schema/functions/`: one file per store function, applied after the migrations whenever its text
/// changes, exactly once, in a transaction.
@Suite struct FunctionDefinitionTests {
    @Test func embeddedFunctionsMatchTheFilesInSchemaFunctions() throws {
        let folder = Fixture.packageRoot.appendingPathComponent("schema/functions")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == Migration.embeddedFunctions.map(\.name), "run scripts/embed-sql.sh")
        for function in Migration.embeddedFunctions {
            let text = try String(contentsOf: folder.appendingPathComponent(function.name), encoding: .utf8)
            #expect(text == function.sql, "\(function.name) differs from its embedded copy: run scripts/embed-sql.sh")
        }
    }

    /// One function a file, named after it, and the file is the database's definition after migrating.
    @Test func eachFileIsTheLiveDefinitionOfTheFunctionItIsNamedFor() throws {
        let database = try TestDatabase.migrated()
        let connection = try database.connect()
        for function in Migration.embeddedFunctions {
            let name = String(function.name.dropLast(".sql".count))
            #expect(function.sql.contains("CREATE OR REPLACE FUNCTION \(name)("), "\(function.name) defines \(name)")
            #expect(function.sql.components(separatedBy: "CREATE OR REPLACE FUNCTION").count == 2, "\(function.name) defines one function")
            let bodies = try connection.query("SELECT prosrc FROM pg_proc WHERE proname = $1 AND pronamespace = 'public'::regnamespace", [name])
            #expect(bodies.rowCount == 1, "\(name) exists once")
            #expect(function.sql.contains(try bodies.scalar(String.self)), "the database runs the body of \(function.name)")
        }
    }

    @Test func aFreshLedgerRecordsEveryFunctionOnce() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        let first = try Migrator(connection: connection).run()
        #expect(first.migrations == Migration.embedded.map(\.name))
        #expect(first.functions == Migration.embeddedFunctions.map(\.name))
        #expect(try Migrator(connection: connection).run() == Migrator.Run(migrations: [], functions: []))
        let recorded = try Migrator(connection: connection).appliedFunctions()
        #expect(recorded == Dictionary(uniqueKeysWithValues: Migration.embeddedFunctions.map { ($0.name, $0.checksum) }))
    }

    @Test func aChangedFileIsAppliedExactlyOnce() throws {
        let database = try TestDatabase.migrated()
        let connection = try database.connect()
        var functions = Migration.embeddedFunctions
        let index = try #require(functions.firstIndex { $0.name == "alvh_unix_micros.sql" })
        functions[index].sql = functions[index].sql.replacingOccurrences(of: "* 1000000)::bigint", with: "* 1000000)::bigint + 0")
        let changed = Migrator(connection: connection, migrations: Migration.embedded, functions: functions)
        #expect(try changed.run() == Migrator.Run(migrations: [], functions: ["alvh_unix_micros.sql"]))
        #expect(try changed.run() == Migrator.Run(migrations: [], functions: []))
        #expect(try changed.appliedFunctions()["alvh_unix_micros.sql"] == functions[index].checksum)
        #expect(try connection.query("SELECT prosrc FROM pg_proc WHERE proname = 'alvh_unix_micros'").scalar(String.self).contains("::bigint + 0"))
        // This build's own text differs from the one applied last: it is applied again, once.
        #expect(try Migrator(connection: connection).run().functions == ["alvh_unix_micros.sql"])
        #expect(try Migrator(connection: connection).run().functions == [])
    }

    @Test func aFailingFileChangesNoFunction() throws {
        let database = try TestDatabase.migrated()
        let connection = try database.connect()
        var functions = Migration.embeddedFunctions
        let good = try #require(functions.firstIndex { $0.name == "alvh_unix_micros.sql" })
        functions[good].sql += "\n-- a harmless change\n"
        functions.append(Migration(name: "zz_broken.sql", sql: "CREATE OR REPLACE FUNCTION zz_broken() RETURNS int LANGUAGE sql AS $$ SELECT 1/ $$;"))
        #expect(throws: PostgresError.self) { try Migrator(connection: connection, migrations: Migration.embedded, functions: functions).run() }
        let recorded = try Migrator(connection: connection).appliedFunctions()
        #expect(recorded["alvh_unix_micros.sql"] == Migration.embeddedFunctions[good].checksum, "the good file's change was rolled back with the bad one")
        #expect(recorded["zz_broken.sql"] == nil)
        #expect(try connection.query("SELECT count(*) FROM pg_proc WHERE proname = 'zz_broken'").scalar(Int64.self) == 0)
        #expect(connection.transactionStatus == .idle)
    }

    /// The common path of an append runs without a subtransaction (no EXCEPTION block): a retry or a
    /// conflict is found by looking the ids up under the head lock (AppendTests prove the outcomes).
    @Test func theAppendFunctionsStartNoSubtransaction() throws {
        let database = try TestDatabase.migrated()
        let connection = try database.connect()
        for name in ["alvh_append", "alvh_append_one"] {
            let body = try connection.query("SELECT prosrc FROM pg_proc WHERE proname = $1", [name]).scalar(String.self)
            #expect(!body.uppercased().contains("EXCEPTION WHEN"), "\(name) has no EXCEPTION block")
        }
    }
}
