import Foundation

/// The server settings alvh owns, written to `<data>/alvh.conf` (included at the end of
/// `postgresql.conf`) on every start so that they follow the layout. `ALTER SYSTEM` still overrides them.
///
/// Unix socket only (no TCP), sized for a small machine, and durable: fsync and synchronous commit
/// stay on because this is a system of record.
struct ClusterSettings {
    var socketDirectory: URL
    var port: Int

    var fileText: String {
        let lines: [(String, String)] = [
            ("listen_addresses", quoted("")),
            ("port", String(port)),
            ("unix_socket_directories", quoted(socketDirectory.path)),
            ("unix_socket_permissions", "0700"),
            ("max_connections", "100"),
            ("shared_buffers", quoted("128MB")),
            ("fsync", "on"),
            ("synchronous_commit", "on"),
            ("full_page_writes", "on"),
            ("logging_collector", "off"),
            ("log_line_prefix", quoted("%m [%p] %q%u@%d ")),
        ]
        return "# Written by alvh on every start of the embedded cluster. Use ALTER SYSTEM to override.\n"
            + lines.map { "\($0.0) = \($0.1)" }.joined(separator: "\n") + "\n"
    }

    /// The line appended once to `postgresql.conf` by initialisation.
    static let includeLine = "\n# alvh: settings for the embedded cluster\ninclude_if_exists = 'alvh.conf'\n"
    static let fileName = "alvh.conf"

    private func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
