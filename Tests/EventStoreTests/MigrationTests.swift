import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct MigrationTests {
    @Test func embeddedMigrationsMatchTheFilesInSchema() throws {
        let schema = Fixture.packageRoot.appendingPathComponent("schema")
        let files = try FileManager.default.contentsOfDirectory(atPath: schema.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == Migration.embedded.map(\.name), "run scripts/embed-sql.sh")
        for migration in Migration.embedded {
            let text = try String(contentsOf: schema.appendingPathComponent(migration.name), encoding: .utf8)
            #expect(text == migration.sql, "\(migration.name) differs from its embedded copy: run scripts/embed-sql.sh")
        }
    }

    @Test func freshThenNoOp() throws {
        let database = try TestDatabase.create()
        let store = try database.store()
        #expect(try store.migrate() == Migration.embedded.map(\.name))
        #expect(try store.migrate() == [])
        let recorded = try Migrator(connection: store.connection).appliedMigrations()
        #expect(recorded == Dictionary(uniqueKeysWithValues: Migration.embedded.map { ($0.name, $0.checksum) }))
        #expect(try store.headPosition() == 0)
    }

    @Test func aChangedAppliedMigrationIsRefused() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        let original = Migration(name: "0001_test.sql", sql: "CREATE TABLE a (id int);")
        try Migrator(connection: connection, migrations: [original]).migrate()
        let edited = Migration(name: "0001_test.sql", sql: "CREATE TABLE a (id bigint);")
        let next = Migration(name: "0002_test.sql", sql: "CREATE TABLE b (id int);")
        let error = try #require(throws: MigrationError.self) {
            try Migrator(connection: connection, migrations: [edited, next]).migrate()
        }
        #expect(error == .checksumMismatch(name: "0001_test.sql", applied: original.checksum, embedded: edited.checksum))
        #expect(error.description.contains("0001_test.sql was changed after it was applied"))
        // Nothing after the refusal was applied.
        #expect(try connection.query("SELECT to_regclass('b') IS NULL").scalar(Bool.self))
    }

    @Test func aFailingMigrationLeavesNoTrace() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        let broken = Migration(name: "0001_broken.sql", sql: "CREATE TABLE c (id int); SELECT 1/0;")
        #expect(throws: PostgresError.self) { try Migrator(connection: connection, migrations: [broken]).migrate() }
        #expect(try connection.query("SELECT to_regclass('c') IS NULL").scalar(Bool.self))
        #expect(try Migrator(connection: connection, migrations: [broken]).appliedMigrations().isEmpty)
    }

    @Test func aMigrationThisBuildDoesNotKnowIsRefused() throws {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try Migrator(connection: connection, migrations: [Migration(name: "0009_future.sql", sql: "SELECT 1;")]).migrate()
        #expect(throws: MigrationError.unknownMigration(name: "0009_future.sql")) {
            try Migrator(connection: connection, migrations: []).migrate()
        }
    }
}
