import ArgumentParser
import EventStore
import Foundation

/// `alvh events`: lists recorded events in ledger order.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List recorded events in global order (all streams, or one with --stream)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only this stream, e.g. condor-<uuid>.", valueName: "STREAM"))
    var stream: String?

    @Option(name: .long, help: ArgumentHelp("First global position to list (≥ 1).", valueName: "POSITION"))
    var from: Int64 = 1

    @Option(name: .long, help: ArgumentHelp("At most this many events (1…100000).", valueName: "N"))
    var limit: Int = 100

    /// Checked in `run` so that a bad value is one `alvh: field: rule` line with exit 2.
    func check() throws {
        guard from >= 1 else { throw CLIFailure.invalid("--from", "must be a position ≥ 1, got \(from)") }
        guard (1...100_000).contains(limit) else { throw CLIFailure.invalid("--limit", "must be between 1 and 100000, got \(limit)") }
        if let stream { try StoreNames.validateStreamIDForCLI(stream) }
    }

    func run() throws {
        try check()
        let store = try LedgerSession.openForReading(global, migrate: false)
        defer { store.connection.close() }
        let events: [RecordedEvent]
        if let stream {
            events = Array(try store.readStream(stream).filter { $0.globalPosition >= from }.prefix(limit))
        } else {
            events = try store.readAll(after: from - 1, limit: limit)
        }
        if global.json {
            try JSONOutput.print(["events": try events.map(Self.json), "count": events.count])
            return
        }
        if events.isEmpty {
            print("no events")
            return
        }
        let rows = events.map { event in
            [String(event.globalPosition), event.streamID, String(event.streamVersion), event.type,
             JSONOutput.timestamp(event.occurredAt), event.eventID.uuidString.lowercased(),
             Self.abbreviate(String(decoding: event.data, as: UTF8.self))]
        }
        let header = ["POSITION", "STREAM", "VERSION", "TYPE", "OCCURRED_AT", "EVENT_ID", "DATA"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            print(row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  "))
        }
    }

    static func abbreviate(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    static func json(_ event: RecordedEvent) throws -> [String: Any] {
        [
            "global_position": event.globalPosition,
            "stream_id": event.streamID,
            "stream_version": event.streamVersion,
            "event_id": event.eventID.uuidString.lowercased(),
            "type": event.type,
            "schema_version": event.schemaVersion,
            "data": try JSONSerialization.jsonObject(with: event.data),
            "metadata": try JSONSerialization.jsonObject(with: event.metadata),
            "occurred_at": JSONOutput.timestamp(event.occurredAt),
            "recorded_at": JSONOutput.timestamp(event.recordedAt),
            "hash": SHA256.hex(event.hash),
        ]
    }
}

extension StoreNames {
    /// The stream-id rule as a CLI usage error.
    static func validateStreamIDForCLI(_ stream: String) throws {
        do { try validateStreamID(stream) } catch let error as EventStoreError {
            throw CLIFailure.invalid("--stream", error.description)
        }
    }
}
