import Foundation

/// Who runs a command, when, and under which command id (see `EventIdentity`).
public struct CommandContext: Sendable {
    public var commandID: UUID
    public var correlationID: UUID
    public var actor: String
    public var toolVersion: String
    /// The recording time: the default `--at` of commands that take one.
    public var now: Date
    /// The CSV line of an imported row.
    public var importLine: Int?

    public init(commandID: UUID = UUID(), correlationID: UUID? = nil, actor: String, toolVersion: String, now: Date = Date(), importLine: Int? = nil) {
        self.commandID = commandID
        self.correlationID = correlationID ?? commandID
        self.actor = actor
        self.toolVersion = toolVersion
        self.now = now
        self.importLine = importLine
    }

    var metadata: EventMetadata {
        EventMetadata(commandID: commandID, correlationID: correlationID, causationID: commandID == correlationID ? nil : correlationID,
                      actor: actor, toolVersion: toolVersion, importLine: importLine)
    }
}
