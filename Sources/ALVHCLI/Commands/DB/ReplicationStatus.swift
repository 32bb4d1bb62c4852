import Foundation
import PostgresClient

/// The replication part of `alvh db status` for a configured server: its role, and on a primary its
/// standbys with their sync state and lag, on a standby the primary it streams from and its replay
/// lag. It warns when a failover could lose acknowledged commands: a primary with no synchronous
/// standby, or one that does not wait for it (`synchronous_commit` `off` or `local`).
struct ReplicationStatus: Encodable, Equatable {
    /// `primary` or `standby`.
    var role: String
    /// The server reached (`host:port`; with several hosts, the one libpq chose).
    var server: String
    /// A primary's standbys, as `pg_stat_replication` shows them.
    var standbys: [Standby]?
    var synchronousStandbyNames: String?
    var synchronousCommit: String?
    /// A standby's WAL receiver: its status (`streaming`, …) and the primary it reads from.
    var receiverStatus: String?
    var upstream: String?
    /// A standby's time since the last replayed commit (see `StandbyReading`), in seconds.
    var replayLagSeconds: Double?
    var lastReplayedCommit: String?
    var warning: String?

    struct Standby: Encodable, Equatable {
        var name: String
        /// Its address, or `local socket`.
        var client: String
        /// `streaming`, `catchup`, `backup`, …
        var state: String
        /// `sync`, `quorum`, `potential` or `async`.
        var syncState: String
        var replayLagSeconds: Double?
        /// WAL bytes the primary wrote that the standby has not replayed yet.
        var bytesBehind: Int64?
    }

    /// Reads the status over `connection`.
    static func read(_ connection: PostgresConnection) throws -> ReplicationStatus {
        let inRecovery = try connection.query("SELECT pg_is_in_recovery()").scalar(Bool.self)
        return inRecovery ? try readStandby(connection) : try readPrimary(connection)
    }

    static func readPrimary(_ connection: PostgresConnection) throws -> ReplicationStatus {
        let rows = try connection.query("""
            SELECT coalesce(application_name, ''), coalesce(host(client_addr), client_hostname, 'local socket'),
                   coalesce(state, ''), coalesce(sync_state, ''), extract(epoch FROM replay_lag)::float8,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::int8
            FROM pg_stat_replication ORDER BY application_name, pid
            """)
        let standbys = try rows.rows.map { row in
            Standby(name: try row.decode(String.self, 0), client: try row.decode(String.self, 1), state: try row.decode(String.self, 2),
                    syncState: try row.decode(String.self, 3), replayLagSeconds: try row.decode(Double?.self, 4),
                    bytesBehind: try row.decode(Int64?.self, 5))
        }
        let settings = try connection.query("SELECT current_setting('synchronous_standby_names'), current_setting('synchronous_commit')")
        var status = ReplicationStatus(role: "primary", server: connection.serverAddress, standbys: standbys,
                                       synchronousStandbyNames: try settings.decode(String.self, row: 0, column: 0),
                                       synchronousCommit: try settings.decode(String.self, row: 0, column: 1))
        status.warning = status.lossWarning
        return status
    }

    static func readStandby(_ connection: PostgresConnection) throws -> ReplicationStatus {
        let row = try connection.query("""
            SELECT (SELECT status FROM pg_stat_wal_receiver),
                   (SELECT sender_host || ':' || sender_port FROM pg_stat_wal_receiver),
                   pg_last_xact_replay_timestamp(),
                   extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8
            """)
        return ReplicationStatus(role: "standby", server: connection.serverAddress,
                                 receiverStatus: try row.decode(String?.self, row: 0, column: 0),
                                 upstream: try row.decode(String?.self, row: 0, column: 1),
                                 replayLagSeconds: try row.decode(Double?.self, row: 0, column: 3).map { max(0, $0) },
                                 lastReplayedCommit: try row.decode(Date?.self, row: 0, column: 2).map(JSONOutput.timestamp))
    }

    /// Why a failover of this primary could lose acknowledged commands, or nil when it cannot.
    var lossWarning: String? {
        guard role == "primary" else { return nil }
        let consequence = "a failover can lose acknowledged commands no standby had received yet (README: Reliability)"
        if let synchronousCommit, ["off", "local"].contains(synchronousCommit) {
            return "synchronous_commit is \(synchronousCommit): commands are acknowledged before any standby has them; " + consequence
        }
        if !(standbys ?? []).contains(where: { ["sync", "quorum"].contains($0.syncState) }) {
            return "no synchronous standby: commands are acknowledged once this server alone has them; " + consequence
        }
        return nil
    }

    var textLines: [String] {
        var lines: [String] = []
        if role == "primary" {
            lines.append("  role:   primary (\(server)); synchronous_standby_names '\(synchronousStandbyNames ?? "")', synchronous_commit \(synchronousCommit ?? "?")")
            let standbys = standbys ?? []
            lines.append("  standbys: \(standbys.isEmpty ? "none" : String(standbys.count))")
            lines += standbys.map { standby in
                let lag = standby.replayLagSeconds.map { String(format: "replay lag %.3f s", $0) } ?? "replay lag n/a"
                let behind = standby.bytesBehind.map { ", \($0) bytes behind" } ?? ""
                return "    \(standby.name.isEmpty ? "(unnamed)" : standby.name) from \(standby.client): \(standby.state), \(standby.syncState), \(lag)\(behind)"
            }
        } else {
            let receiver = [receiverStatus.map { "WAL receiver \($0)" }, upstream.map { "from \($0)" }].compactMap { $0 }.joined(separator: " ")
            let lag = replayLagSeconds.map { String(format: "replay lag %.1f s (last replayed commit %@)", $0, lastReplayedCommit ?? "") }
                ?? "no transaction replayed since it started"
            lines.append("  role:   standby (\(server)); \(receiver.isEmpty ? "not receiving WAL" : receiver); \(lag)")
        }
        if let warning { lines.append("  warning: \(warning)") }
        return lines
    }
}
