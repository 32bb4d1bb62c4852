import EventStore
import Foundation
import PostgresClient

/// What the ledger holds, read straight from the store's tables for the reliability checks.
struct LedgerFacts {
    /// Every event id in global order, with its position and its command id (metadata).
    var events: [(position: Int64, eventID: UUID, commandID: UUID?)]

    static func read(_ connection: PostgresConnection) throws -> LedgerFacts {
        let result = try connection.query("SELECT global_position, event_id, metadata->>'commandID' FROM events ORDER BY global_position")
        var events: [(Int64, UUID, UUID?)] = []
        for row in 0..<result.rowCount {
            events.append((try result.decode(Int64.self, row: row, column: 0), try result.decode(UUID.self, row: row, column: 1),
                           try result.decode(String?.self, row: row, column: 2).flatMap(UUID.init(uuidString:))))
        }
        return LedgerFacts(events: events)
    }

    /// Positions run 1, 2, 3 … with no gap.
    var isGapless: Bool {
        events.enumerated().allSatisfy { $0.element.position == Int64($0.offset + 1) }
    }

    /// How many times each event id occurs.
    var occurrences: [UUID: Int] {
        events.reduce(into: [:]) { $0[$1.eventID, default: 0] += 1 }
    }

    /// Position of each event id.
    var positions: [UUID: Int64] {
        Dictionary(events.map { ($0.eventID, $0.position) }, uniquingKeysWith: { first, _ in first })
    }

    /// Event ids per command id, in global order.
    var eventsByCommand: [UUID: [UUID]] {
        events.reduce(into: [:]) { if let command = $1.commandID { $0[command, default: []].append($1.eventID) } }
    }
}

/// `alvh verify` as a separate process: its exit status and what it printed.
func runVerify(_ connectionString: String) throws -> (status: Int32?, output: String) {
    let verify = try RunningProcess(BuiltPrograms.alvh, ["verify", "--database", connectionString])
    defer { verify.terminate() }
    return (verify.wait(timeout: 120), verify.output)
}

/// `alvh portfolio add NAME` as a separate process; throws unless it succeeds.
func addPortfolio(_ name: String, _ connectionString: String) throws {
    let add = try RunningProcess(BuiltPrograms.alvh, ["portfolio", "add", name, "--database", connectionString])
    defer { add.terminate() }
    guard add.wait(timeout: 60) == 0 else { throw RunningProcess.ChildFailure(description: "alvh portfolio add \(name): \(add.output)") }
}
