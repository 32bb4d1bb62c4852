/// A payload of one of the ledger's event types (DESIGN.md, "Events"). Money and prices are JSON
/// decimal strings, dates `YYYY-MM-DD`, and keys are written sorted.
public protocol LedgerEventPayload: Codable, Sendable, Hashable {
    /// The event's type name as stored, e.g. `CondorOpened`.
    static var eventType: String { get }
    /// The payload shape's version; bumped when the shape changes incompatibly.
    static var schemaVersion: Int { get }
}

extension LedgerEventPayload {
    public static var schemaVersion: Int { 1 }
}
