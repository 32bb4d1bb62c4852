import EventStore
import Foundation
import Projections

/// What a command that reads from a hot standby says about it: once on stderr, and as the `standby`
/// object of its `--json` output (`ReviewOutput.json`, `JSONOutput.print`, `advise`).
///
/// A standby shows the primary's ledger as of the last transaction it replayed. `replayLagSeconds`
/// is the time since that transaction committed on the primary (`pg_last_xact_replay_timestamp`):
/// the replay lag while the primary is busy, and the time since its last commit while it is idle.
/// Nothing is written on a standby, so the review commands read the projections as the primary
/// last caught them up (`projectionCheckpoint` of `ledgerHead` replicated events).
struct StandbyReading: Equatable {
    /// The standby's `host:port`.
    var server: String
    /// Commit time of the last transaction replayed; nil when none was replayed since it started.
    var lastReplayedCommit: Date?
    var replayLagSeconds: Double?
    /// Whether all the WAL the standby has received is replayed.
    var receivedWALReplayed: Bool
    /// The last global position in the replicated ledger.
    var ledgerHead: Int64
    /// The last position folded into the replicated projections (nil when not asked or not built).
    var projectionCheckpoint: Int64?

    static func read(_ store: EventStore, projections: Bool) throws -> StandbyReading {
        let row = try store.connection.query("""
            SELECT pg_last_xact_replay_timestamp(),
                   extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8,
                   coalesce(pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn(), true)
            """)
        return StandbyReading(
            server: store.connection.serverAddress,
            lastReplayedCommit: try row.decode(Date?.self, row: 0, column: 0),
            replayLagSeconds: try row.decode(Double?.self, row: 0, column: 1),
            receivedWALReplayed: try row.decode(Bool.self, row: 0, column: 2),
            ledgerHead: try store.headPosition(),
            projectionCheckpoint: projections ? (try? Projector(store: store).checkpoint()) : nil)
    }

    /// The one line on stderr.
    var notice: String {
        var text = "alvh: reading from a standby (\(server)): "
        if let lag = replayLagSeconds, let commit = lastReplayedCommit {
            text += String(format: "replay lag %.1f s (last replayed commit %@)", max(0, lag), JSONOutput.timestamp(commit))
        } else {
            text += "no transaction replayed since it started"
        }
        text += receivedWALReplayed ? "" : ", still replaying what it received"
        text += "; ledger at position \(ledgerHead)"
        if let projectionCheckpoint {
            text += ", projections at \(projectionCheckpoint) (the primary catches them up)"
        }
        return text
    }

    /// The `standby` object of `--json` output.
    var json: [String: Any] {
        ["server": server, "replay_lag_seconds": replayLagSeconds.map { max(0, $0) } ?? NSNull(),
         "last_replayed_commit": lastReplayedCommit.map(JSONOutput.timestamp) ?? NSNull(),
         "received_wal_replayed": receivedWALReplayed, "ledger_head": ledgerHead,
         "projection_checkpoint": projectionCheckpoint ?? NSNull()]
    }

    /// `object` with the `standby` key added when the current command reads from a standby.
    static func annotate(_ object: [String: Any]) -> [String: Any] {
        guard let current else { return object }
        var annotated = object
        annotated["standby"] = current.json
        return annotated
    }

    /// The standby the current command reads from (one command at a time per process; `ALVHMain.run`
    /// clears it before each).
    static var current: StandbyReading? {
        get { box.lock.withLock { box.value } }
        set { box.lock.withLock { box.value = newValue } }
    }

    private static let box = Box()
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var value: StandbyReading?
    }
}
