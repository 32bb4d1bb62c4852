import EventStore
import Foundation
import PostgresClient
import Testing
import TestSupport

/// The application role: reads, appends through alvh_append, builds its projections, and nothing else.
@Suite(.serialized) struct LeastPrivilegeTests {
    /// A LOGIN role that is a member of alvh_app and switches to it at login (README), dropped after.
    final class AppLogin {
        let name = "alvh_safety_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let admin: PostgresConnection
        let url: String

        init(database: TestDatabase) throws {
            admin = try database.connect()
            let quoted = try admin.quoteIdentifier(name)
            try admin.execute("CREATE ROLE \(quoted) LOGIN IN ROLE alvh_app")
            try admin.execute("ALTER ROLE \(quoted) SET role = 'alvh_app'")
            var parameters = try ConnectionString.parse(database.connectionString).filter { $0.key != "user" }
            parameters.append(("user", String(name)))
            url = ConnectionString.build(parameters)
        }

        func drop() {
            if let quoted = try? admin.quoteIdentifier(name) {
                _ = try? admin.execute("DROP ROLE IF EXISTS \(quoted)")
            }
            admin.close()
        }
    }

    @Test func theAppRoleRecordsAndProjectsButCannotChangeTheLedgerOrTheSchema() throws {
        let database = try TestDatabase.migrated()
        let login = try AppLogin(database: database)
        defer { login.drop() }

        // Commands and projections as the app role.
        let condor = try Safety.openCondor(login.url)
        #expect(Safety.alvh(login.url, ["condor", "defer", condor, "--reason", "noise", "--at", "2026-03-03T15:00:00Z"]).status == 0)
        let positions = Safety.alvh(login.url, ["positions"])
        #expect(positions.status == 0, "\(positions.err)")
        #expect(positions.out.contains(String(condor.prefix(8))))
        #expect(Safety.alvh(login.url, ["replay"]).status == 0)
        #expect(Safety.alvh(login.url, ["verify"]).status == 0)
        let export = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-lp-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: export) }
        #expect(Safety.alvh(login.url, ["export", export.path]).status == 0)

        let app = try PostgresConnection(connectionString: login.url)
        defer { app.close() }
        #expect(try app.query("SELECT current_user::text").scalar(String.self) == "alvh_app")
        let before = try Safety.eventDump(database.connectionString)
        let refused = [
            "UPDATE events SET type = 'Forged'",
            "DELETE FROM events",
            "TRUNCATE events",
            "INSERT INTO events SELECT * FROM events LIMIT 0",
            "UPDATE ledger_head SET last_position = 0",
            "DELETE FROM event_streams",
            "ALTER TABLE events DISABLE TRIGGER events_refuse_update",
            "ALTER TABLE events ADD COLUMN forged text",
            "DROP TABLE events",
            "DROP TRIGGER events_refuse_delete ON events",
            "DROP FUNCTION alvh_refuse_change() CASCADE",
            "CREATE TABLE public.shadow (x int)",
            "CREATE FUNCTION public.sha256(bytea) RETURNS bytea LANGUAGE sql AS 'SELECT $1'",
            "CREATE OR REPLACE FUNCTION alvh_append_replay() RETURNS void LANGUAGE sql AS ''",
            "DELETE FROM alvh_schema_migrations",
            "INSERT INTO alvh_schema_migrations (name, checksum) VALUES ('9999_x.sql', 'x')",
        ]
        for statement in refused {
            let error = #expect(throws: PostgresError.self, "\(statement)") { try app.execute(statement) }
            let message = error.map { "\($0)" } ?? ""
            #expect(message.contains("permission denied") || message.contains("must be owner"), "\(statement): \(message)")
        }
        #expect(try Safety.eventDump(database.connectionString) == before)
        #expect(Safety.alvh(database.connectionString, ["verify"]).status == 0)
        // The projection schema belongs to the app role, whichever login built it.
        let connection = try database.connect()
        defer { connection.close() }
        #expect(try connection.query("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'alvh_projection'").scalar(String.self) == "alvh_app")
        #expect(try connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'alvh_projection' AND tableowner <> 'alvh_app'").scalar(Int64.self) == 0)
    }
}
