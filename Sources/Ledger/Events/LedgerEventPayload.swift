import Foundation

/// One of the ledger's event types (docs/design.md, "Events"). Everything the tool does with an event
/// type is declared here, in the type's own file, and found through `LedgerEventRegistry`: its name
/// and schema version (with the upcasters from older versions), its JSON shape (`Codable`: money and
/// prices as decimal strings, dates `YYYY-MM-DD`, keys sorted), the replay's fast decoding, its line
/// in the trader's words, its stream, how corrections may void it, and how it moves a condor or a
/// hedge layer in the state folds. docs/design.md, "Adding an event type", gives the steps.
public protocol LedgerEventPayload: Codable, Sendable, Hashable {
    /// The event's type name as stored, e.g. `CondorOpened`.
    static var eventType: String { get }
    /// The payload shape's version; bumped when the shape changes incompatibly (with an upcaster).
    static var schemaVersion: Int { get }
    /// The upcasters from every older version, one per version step (`PayloadUpcaster`).
    static var upcasters: [any PayloadUpcaster] { get }
    /// The kind of stream the event is appended to.
    static var stream: EventStreamKind { get }
    /// Whether and when `alvh void` may take the event back.
    static var voiding: Voiding { get }
    /// A representative payload: the registry's self-check decodes, fast-decodes, summarises and
    /// folds it (RegistryTests), and docs show its JSON.
    static var example: Self { get }

    /// The payload as a `LedgerEvent` (its enum case).
    var event: LedgerEvent { get }
    /// One line in the trader's words, built from the event alone (a retried command prints it again).
    var summary: String { get }
    /// The replay's fast decoding of a stored payload at `schemaVersion`; nil for any shape it does
    /// not recognise exactly, which then goes through `Codable` (and its upcasters).
    init?(fields: PayloadFields, schemaVersion: Int)

    /// The condor after this event; nil when the event does not move `condor` (not a condor event,
    /// or one that cannot apply: anything before the opening or after the end).
    func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState?
    /// The hedge layer after this event; nil when the event does not move `layer`.
    func applied(to layer: HedgeLayerState?, at item: LedgerStreamEvent) -> HedgeLayerState?
}

extension LedgerEventPayload {
    public static var schemaVersion: Int { 1 }
    public static var upcasters: [any PayloadUpcaster] { [] }
    public static var voiding: Voiding { .latestOfItsStream }
    public func applied(to condor: CondorState?, at item: LedgerStreamEvent) -> CondorState? { nil }
    public func applied(to layer: HedgeLayerState?, at item: LedgerStreamEvent) -> HedgeLayerState? { nil }
}

/// The streams events are appended to (`StreamName`).
public enum EventStreamKind: String, Sendable, CaseIterable {
    /// `condor-<id>`: one condor's life; its events move `CondorState`.
    case condor
    /// `hedge-<id>`: one hedge layer's life; its events move `HedgeLayerState`.
    case hedgeLayer
    /// `market-<feed>`: market snapshots.
    case market
    /// `portfolio-<key>`: a portfolio's existence.
    case portfolio
    /// The stream of the event it corrects (`EventVoided`).
    case corrected
}

/// Which events `alvh void` may take back (an `EventVoided` appended to the event's stream).
public enum Voiding: Sendable, Equatable {
    /// Only the latest event of its stream that still counts, so the stream folds to a state it really had.
    case latestOfItsStream
    /// Any of them, whatever came after (market snapshots).
    case any
    /// Never; the rule says why, as the error does.
    case never(String)
}
