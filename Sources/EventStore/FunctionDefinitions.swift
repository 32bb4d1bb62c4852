import PostgresClient

/// The store functions' live definitions (`schema/functions/`, one function a file): each file is an
/// idempotent `CREATE OR REPLACE`, applied again whenever its text changes, so the current SQL of
/// every function is in one readable place rather than in the last migration that replaced it.
extension Migrator {
    /// Applies every function file whose checksum differs from the one recorded in
    /// `alvh_schema_functions` (or that was never applied), in name order and one transaction, and
    /// records the new checksums: a changed file is applied exactly once. Returns the names applied.
    func applyChangedFunctions() throws -> [String] {
        guard !functions.isEmpty else { return [] }
        let recorded = try appliedFunctions()
        let changed = functions.filter { recorded[$0.name] != $0.checksum }
        guard !changed.isEmpty else { return [] }
        try connection.transaction {
            try connection.execute("SET LOCAL statement_timeout = 0")
            for function in changed {
                try connection.executeScript(function.sql)
                try connection.execute("""
                    INSERT INTO alvh_schema_functions (name, checksum) VALUES ($1, $2)
                    ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = now()
                    """, [function.name, function.checksum])
            }
        }
        return changed.map(\.name)
    }

    /// Applied function files: name → checksum of the text last applied.
    public func appliedFunctions() throws -> [String: String] {
        let result = try connection.query("SELECT name, checksum FROM alvh_schema_functions")
        var applied: [String: String] = [:]
        for row in result.rows { applied[try row.decode(String.self, 0)] = try row.decode(String.self, 1) }
        return applied
    }
}
