import PostgresClient

/// Every projection table as ordered text, as `ProjectionTests` compares them (`LedgerOnStore.dump`):
/// two dumps are equal exactly when the rows are.
enum ProjectionDump {
    static let tables = ["meta", "condors", "condor_rolls", "hedge_layers", "layer_allocations", "cash_flows", "decisions", "marks"]

    static func dump(_ connection: PostgresConnection) throws -> String {
        var text = ""
        for table in tables {
            let result = try connection.query("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM alvh_projection.\(table) t")
            text += "## \(table)\n" + (try result.scalar(String?.self) ?? "") + "\n"
        }
        return text
    }
}
