import Foundation
import PostgresClient

/// The server processes (backends) of one client, found by its `application_name`.
struct ServerProcesses {
    let admin: PostgresConnection

    /// Backend pids of sessions named `name`, with their state (`active`, `idle`, `idle in transaction`).
    typealias Session = (pid: Int32, state: String, waiting: Bool, query: String)

    func sessions(named name: String) throws -> [Session] {
        let result = try admin.query("SELECT pid, coalesce(state, ''), wait_event_type IS NOT DISTINCT FROM 'Lock', coalesce(query, '') FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid", [name])
        return try (0..<result.rowCount).map { row in
            (try result.decode(Int32.self, row: row, column: 0), try result.decode(String.self, row: row, column: 1),
             try result.decode(Bool.self, row: row, column: 2), try result.decode(String.self, row: row, column: 3))
        }
    }

    /// Terminates every session named `name` (`pg_terminate_backend`); returns how many.
    @discardableResult
    func terminate(named name: String) throws -> Int {
        let result = try admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [name])
        return result.rowCount
    }

    /// Waits until a session named `name` satisfies `condition`, polling every millisecond.
    func waitFor(named name: String, timeout: Double, _ condition: (Session) -> Bool) throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let match = try sessions(named: name).first(where: condition) { return match.pid }
            usleep(1_000)
        }
        return nil
    }

    /// Waits until no session named `name` is left (a killed client's backend finishing its work).
    func waitUntilGone(named name: String, timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try sessions(named: name).isEmpty { return true }
            usleep(5_000)
        }
        return false
    }
}
