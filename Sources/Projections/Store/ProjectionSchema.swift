import EventStore
import Foundation
import PostgresClient

/// The projection SQL of `projections/`, embedded at build time (scripts/embed-sql.sh), and
/// its installation. Projections are disposable: when the installed schema was built by different
/// SQL (another checksum), `alvh_projection` is dropped and recreated at checkpoint 0, and the next
/// catch-up rebuilds it from the events. Applied migrations of `schema/` are never touched.
public enum ProjectionSchema {
    /// The files of `projections/`, in name order.
    public static var objects: [Migration] { EmbeddedProjections.all.sorted { $0.name < $1.name } }

    /// sha256 (hex) over every file's name and checksum, in order.
    public static var checksum: String {
        SHA256.hexHash(Array(objects.map { "\($0.name):\($0.checksum)\n" }.joined().utf8))
    }

    /// Advisory lock key for installing projections ("alvp").
    static let lockKey: Int64 = 0x616c_7670

    /// Installs or rebuilds the schema when missing or stale. Returns true when it (re)created it.
    @discardableResult
    public static func install(on connection: PostgresConnection) throws -> Bool {
        if try installedChecksum(connection) == checksum { return false }
        try connection.execute("SELECT pg_advisory_lock($1)", [lockKey])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [lockKey]) }
        if try installedChecksum(connection) == checksum { return false }
        try connection.transaction {
            try connection.execute("SET LOCAL client_min_messages = warning")
            try connection.execute("DROP SCHEMA IF EXISTS alvh_projection CASCADE")
            for object in objects { try connection.executeScript(object.sql) }
            try connection.execute("INSERT INTO alvh_projection.meta (id, checksum, checkpoint) VALUES (1, $1, 0)", [checksum])
        }
        return true
    }

    /// Every projection table as ordered text (tables by name, rows by their text form): two dumps
    /// are equal exactly when the projections hold the same rows. For checking that a replay, a
    /// restore or a recovery reproduces what incremental catch-up wrote.
    public static func orderedDump(_ connection: PostgresConnection) throws -> String {
        let tables = try connection.query("SELECT tablename::text FROM pg_tables WHERE schemaname = 'alvh_projection' ORDER BY tablename")
        var text = ""
        for row in 0..<tables.rowCount {
            let table = try tables.decode(String.self, row: row, column: 0)
            // The name comes from the catalog and is quoted as an identifier; no value is spliced.
            let sql = "SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM alvh_projection.\(try connection.quoteIdentifier(table)) t"
            text += "## \(table)\n" + (try connection.query(sql).scalar(String?.self) ?? "") + "\n"
        }
        return text
    }

    static func installedChecksum(_ connection: PostgresConnection) throws -> String? {
        let exists = try connection.query("SELECT to_regclass('alvh_projection.meta') IS NOT NULL").scalar(Bool.self)
        guard exists else { return nil }
        let result = try connection.query("SELECT checksum FROM alvh_projection.meta WHERE id = 1")
        return result.rowCount == 0 ? nil : try result.scalar(String.self)
    }
}
