import EventStore
import Foundation

/// What a recorded command produced: the ids the user wants back and the global positions.
public struct RecordedCommand: Sendable, Equatable {
    public var condorID: UUID?
    public var layerID: UUID?
    public var eventIDs: [UUID]
    public var positions: [Int64]
    /// One line per event (see `EventSummary`).
    public var lines: [String]
    /// True when the command id had been recorded already: nothing new was written.
    public var wasAlreadyRecorded: Bool
}

/// What an import recorded.
public struct RecordedImport: Sendable, Equatable {
    public var eventIDs: [UUID]
    public var positions: [Int64]
    /// Lines of the file recorded now.
    public var recordedLines: [Int]
    /// Lines recorded by an earlier import of the same rows (nothing new written for them).
    public var alreadyRecordedLines: [Int]
}

/// Validates commands against the store's current state and appends their events.
public struct LedgerRecorder {
    public let store: any LedgerEventStore

    public init(store: any LedgerEventStore) { self.store = store }

    /// Records `command`. If its command id was recorded before, appends nothing and returns the
    /// original result (ids, positions and lines) instead — also when another process recorded the
    /// same command id while this one was deciding (the decision then fails against the new state,
    /// e.g. "condor already exists", and the original result is returned instead of that error).
    public func record(_ command: LedgerCommand, context: CommandContext) throws -> RecordedCommand {
        if let original = try originalResult(of: context.commandID) { return original }
        let reader = StoreLedgerReader(store: store)
        let decision: LedgerDecision
        let results: [AppendResult]
        do {
            decision = try LedgerDecider(reader: reader, context: context).decide(command)
            results = try store.append(decision.appends)
        } catch let error where error is LedgerValidationError || error is EventStoreError {
            if let original = try originalResult(of: context.commandID) { return original }
            throw error
        }
        let events = decision.appends.flatMap(\.events)
        return RecordedCommand(condorID: decision.condorID, layerID: decision.layerID, eventIDs: events.map(\.eventID),
                               positions: results.flatMap(\.positions), lines: try events.map { EventSummary.line(try LedgerEvent(new: $0)) },
                               wasAlreadyRecorded: results.allSatisfy(\.wasIdempotentReplay))
    }

    /// Parses and records `name` (e.g. `condor open`) with raw arguments.
    public func record(_ name: String, _ arguments: CommandArguments, context: CommandContext) throws -> RecordedCommand {
        if let original = try originalResult(of: context.commandID) { return original }
        return try record(try LedgerCommand.parse(name: name, arguments: arguments), context: context)
    }

    /// Imports a CSV file (see `ImportFormat`): every new row in one atomic append, or nothing.
    public func importCSV(_ data: Data, actor: String, toolVersion: String, now: Date = Date()) throws -> RecordedImport {
        let plan = try LedgerImporter(reader: StoreLedgerReader(store: store), actor: actor, toolVersion: toolVersion, now: now).plan(csv: data)
        guard !plan.appends.isEmpty else {
            return RecordedImport(eventIDs: [], positions: [], recordedLines: [], alreadyRecordedLines: plan.alreadyRecorded)
        }
        let results = try plan.batch.append(to: store)
        return RecordedImport(eventIDs: plan.appends.flatMap { $0.events.map(\.eventID) }, positions: results.flatMap(\.positions),
                              recordedLines: plan.rows.map(\.line), alreadyRecordedLines: plan.alreadyRecorded)
    }

    /// The result of an earlier run of `commandID`, or nil when it was never recorded.
    public func originalResult(of commandID: UUID) throws -> RecordedCommand? {
        var recorded: [RecordedEvent] = []
        var index = 0
        while let event = try store.event(id: EventIdentity.eventID(command: commandID, index: index)) {
            recorded.append(event)
            index += 1
        }
        guard !recorded.isEmpty else { return nil }
        let streams = recorded.map(\.streamID)
        // A command's events are appended in order; the decision lists the portfolio stream first.
        let ordered = recorded.sorted { $0.globalPosition < $1.globalPosition }
        return RecordedCommand(condorID: streams.lazy.compactMap(StreamName.condorID(of:)).first,
                               layerID: streams.lazy.compactMap(StreamName.layerID(of:)).first,
                               eventIDs: ordered.map(\.eventID), positions: ordered.map(\.globalPosition),
                               lines: try ordered.map { EventSummary.line(try LedgerEvent(recorded: $0)) }, wasAlreadyRecorded: true)
    }
}
