import Foundation
import PostgresClient

/// The outcome of walking the hash chain.
public struct VerifyReport: Sendable, Equatable {
    /// Events whose position, link and hash were checked and found right, from position 1.
    public var verifiedCount: Int64
    /// The hash of the last verified event (32 zero bytes for an empty ledger).
    public var headHash: Data
    /// The first position found wrong (missing, altered, or mislinked), nil when the chain is intact.
    public var firstBadPosition: Int64?
    /// What was wrong there.
    public var problem: String?

    public var isIntact: Bool { firstBadPosition == nil && problem == nil }
}

extension EventStore {
    /// Recomputes every event's hash in Swift from the rows as read (`CanonicalEventBytes`), checks
    /// positions are 1, 2, 3 … and each prev_hash is the previous hash, then checks the ledger head.
    /// Reads in one REPEATABLE READ snapshot, in pages of `pageSize`.
    public func verify(pageSize: Int = 5000) throws -> VerifyReport {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { _ = try? connection.execute("COMMIT") }
        var report = VerifyReport(verifiedCount: 0, headHash: Data(CanonicalEventBytes.genesisHash), firstBadPosition: nil, problem: nil)
        func fail(_ position: Int64, _ problem: String) -> VerifyReport {
            report.firstBadPosition = position
            report.problem = problem
            return report
        }
        var chain = HashChainVerifier()
        while true {
            let page = try connection.query("""
                SELECT global_position, stream_id, stream_version, event_id, type, schema_version,
                       occurred_at, data, metadata, prev_hash, hash
                  FROM events WHERE global_position >= $1 ORDER BY global_position LIMIT $2
                """, [chain.expectedPosition, pageSize])
            if page.rowCount == 0 { break }
            for row in 0..<page.rowCount {
                let position = try page.decode(Int64.self, row: row, column: 0)
                if let problem = chain.check(
                    globalPosition: position,
                    streamID: try page.decode(String.self, row: row, column: 1),
                    streamVersion: try page.decode(Int64.self, row: row, column: 2),
                    eventID: try page.decode(UUID.self, row: row, column: 3),
                    type: try page.decode(String.self, row: row, column: 4),
                    schemaVersion: try page.decode(Int.self, row: row, column: 5),
                    occurredAtUnixMicros: try page.decode(PostgresTimestampMicros.self, row: row, column: 6).unixMicroseconds,
                    data: try page.decode(Data.self, row: row, column: 7),
                    metadata: try page.decode(Data.self, row: row, column: 8),
                    prevHash: try page.decode(Data.self, row: row, column: 9),
                    hash: try page.decode(Data.self, row: row, column: 10)) {
                    return fail(problem.position, problem.message)
                }
                report.verifiedCount = chain.verifiedCount
                report.headHash = Data(chain.previous)
            }
        }
        let head = try connection.query("SELECT last_position, last_hash FROM ledger_head WHERE id = 1")
        let headPosition = try head.decode(Int64.self, row: 0, column: 0)
        let headHash = try head.decode(Data.self, row: 0, column: 1)
        if headPosition != report.verifiedCount {
            return fail(report.verifiedCount + 1, "the ledger head says \(headPosition) events, the table holds \(report.verifiedCount)")
        }
        if headHash != report.headHash {
            return fail(report.verifiedCount, "the ledger head's hash differs from the last event's hash")
        }
        return report
    }
}

/// Walks a hash chain event by event, in position order, from position 1: the one check behind
/// `alvh verify` (rows read from the database) and `alvh import-ledger` (lines of an export).
public struct HashChainVerifier: Sendable {
    /// The position the next event must have.
    public private(set) var expectedPosition: Int64 = 1
    /// The hash of the last event checked (32 zero bytes before the first).
    public private(set) var previous: [UInt8] = CanonicalEventBytes.genesisHash
    /// Events checked and found right.
    public var verifiedCount: Int64 { expectedPosition - 1 }

    /// What is wrong at a position.
    public struct Problem: Sendable, Equatable {
        public var position: Int64
        public var message: String
    }

    public init() {}

    /// Checks the next event: its position, its link to the previous hash and its own hash recomputed
    /// from the fields (`CanonicalEventBytes`). Returns nil and moves on when right; otherwise the problem
    /// (and stays where it was).
    public mutating func check(globalPosition position: Int64, streamID: String, streamVersion: Int64, eventID: UUID, type: String,
                               schemaVersion: Int, occurredAtUnixMicros: Int64, data: Data, metadata: Data,
                               prevHash: Data, hash: Data) -> Problem? {
        if position != expectedPosition {
            return Problem(position: expectedPosition, message: "position \(expectedPosition) is missing (next present is \(position))")
        }
        if [UInt8](prevHash) != previous {
            return Problem(position: position, message: "prev_hash does not match the hash of position \(position - 1)")
        }
        let canonical = CanonicalEventBytes.bytes(globalPosition: position, streamID: streamID, streamVersion: streamVersion, eventID: eventID,
                                                  type: type, schemaVersion: schemaVersion, occurredAtUnixMicros: occurredAtUnixMicros,
                                                  data: data, metadata: metadata)
        let computed = CanonicalEventBytes.chainedHash(previous: previous, canonical: canonical)
        if computed != [UInt8](hash) {
            return Problem(position: position, message: "hash does not match the event's contents")
        }
        previous = computed
        expectedPosition += 1
        return nil
    }
}
