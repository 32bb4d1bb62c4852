import EventStore
import Foundation

/// The embedded cluster's state as `alvh db start|stop|status` print it.
struct ClusterReport: Encodable, Equatable {
    /// What `db start` had to do (created, started, already running); nil for stop and status.
    var action: String?
    /// not created, stopped or running.
    var state: String
    var pid: Int32?
    var home: String
    var dataDirectory: String
    var socketDirectory: String
    var logFile: String
    /// The cluster's PostgreSQL major version, once created.
    var serverVersion: String?
    var connectionString: String

    init(_ status: LocalClusterStatus, action: LocalClusterAction?) {
        self.action = action?.rawValue
        state = status.state.rawValue
        pid = status.pid
        home = status.home.path
        dataDirectory = status.dataDirectory.path
        socketDirectory = status.socketDirectory.path
        logFile = status.logFile.path
        serverVersion = status.serverVersion
        connectionString = status.connectionString
    }

    var text: String {
        var headline = "embedded PostgreSQL cluster in \(home): \(state)"
        if let pid { headline += " (pid \(pid))" }
        if let action { headline += ", \(action)" }
        var lines = [headline]
        if state != LocalClusterStatus.State.notCreated.rawValue {
            lines.append("  data:       \(dataDirectory)")
            lines.append("  socket:     \(socketDirectory)")
            lines.append("  log:        \(logFile)")
            if let serverVersion { lines.append("  version:    PostgreSQL \(serverVersion)") }
        }
        lines.append("  connection: \(connectionString)")
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        try JSONText.encode(self)
    }
}

/// One JSON object per command output, keys sorted so that output is stable.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
