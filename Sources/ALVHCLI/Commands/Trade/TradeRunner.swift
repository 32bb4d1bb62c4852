import EventStore
import Foundation
import Ledger

/// Runs a recording command: checks the command id and the command's fields (before connecting),
/// then records the parsed `LedgerCommand` and its context through `RecordingSession` (which retries
/// a lost server and catches the projections up) and prints the result (text lines, or one JSON
/// object with `condor`, `layer`, `events`, `positions` under `--json`).
enum TradeRunner {
    static func record(global: GlobalOptions, recording: RecordingOptions, _ build: () throws -> LedgerCommand) throws {
        let commandID = try recording.commandID?.get() ?? UUID()
        // Everything that can be checked without the database is checked before connecting.
        let command = try build()
        let session = try RecordingSession.make(global)
        // Fixed before the first attempt: a retry after a lost server re-sends the same command id
        // and time, so an attempt that had in fact committed comes back as already recorded.
        let context = CommandContext(commandID: commandID, actor: actor, toolVersion: ToolInfo.version)
        let result = try session.record { store in try LedgerRecorder(store: store).record(command, context: context) }.value
        print(render(result, json: global.json))
    }

    static var actor: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    }

    static func render(_ result: RecordedCommand, json: Bool) -> String {
        if json {
            let object = TradeOutput(condor: result.condorID?.lowercasedString, layer: result.layerID?.lowercasedString,
                                     events: result.eventIDs.map(\.lowercasedString), positions: result.positions,
                                     alreadyRecorded: result.wasAlreadyRecorded, lines: result.lines)
            return String(decoding: (try? LedgerJSON.encode(object)) ?? Data("{}".utf8), as: UTF8.self)
        }
        var lines = result.lines
        if result.wasAlreadyRecorded { lines.insert("already recorded (same --command-id); nothing new written:", at: 0) }
        lines.append("events: " + zip(result.eventIDs, result.positions).map { "\($0.lowercasedString)@\($1)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}

/// The JSON a recording command prints.
struct TradeOutput: Encodable {
    var condor: String?
    var layer: String?
    var events: [String]
    var positions: [Int64]
    var alreadyRecorded: Bool
    var lines: [String]
}
