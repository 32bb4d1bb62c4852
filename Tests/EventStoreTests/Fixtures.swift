import EventStore
import Foundation

/// Small builders for test events (payloads shaped like the ledger's, but only the store reads them).
enum Fixture {
    static let when = Date(timeIntervalSince1970: 1_764_057_730.123457)

    static func event(_ type: String = "CondorOpened", id: UUID = UUID(), data: String = #"{"credit": "2.35", "legs": 4}"#,
                      metadata: String = #"{"actor": "test"}"#, at: Date = when) -> NewEvent {
        NewEvent(eventID: id, type: type, data: Data(data.utf8), metadata: Data(metadata.utf8), occurredAt: at)
    }

    static func condor() -> String { "condor-" + UUID().uuidString.lowercased() }

    /// `../../..` from this file is the package root.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
