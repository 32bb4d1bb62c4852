import Foundation

/// Who recorded an event and as part of what: stored as the event's metadata JSON.
/// `commandID` is the command that produced it (the `--command-id`, or a fresh one);
/// `correlationID` groups everything one user action caused (an import shares one);
/// `causationID` is the event or command that directly caused it.
public struct EventMetadata: Codable, Sendable, Hashable {
    public var commandID: UUID
    public var correlationID: UUID
    public var causationID: UUID?
    /// The user, e.g. `$USER`.
    public var actor: String
    public var toolVersion: String
    /// Set by `alvh import`: the source line of the row.
    public var importLine: Int?

    public init(commandID: UUID, correlationID: UUID? = nil, causationID: UUID? = nil, actor: String, toolVersion: String, importLine: Int? = nil) {
        self.commandID = commandID
        self.correlationID = correlationID ?? commandID
        self.causationID = causationID
        self.actor = actor
        self.toolVersion = toolVersion
        self.importLine = importLine
    }
}
