import Foundation

/// What the decider needs to read: one stream's events, and where an event lives.
/// `InMemoryLedger` implements it for tests and import simulation; `StoreLedgerReader` over the store.
public protocol LedgerReading {
    /// The decoded events of `streamID` in version order; empty when the stream does not exist.
    func events(inStream streamID: String) throws -> [LedgerStreamEvent]
    /// The event with `eventID`, or nil.
    func event(id eventID: UUID) throws -> LedgerStreamEvent?
    /// The head of `streamID` (`StreamHead`); readers that keep it need not fold the stream.
    func head(ofStream streamID: String) throws -> StreamHead
}

extension LedgerReading {
    /// The head folded from the stream's events.
    public func head(ofStream streamID: String) throws -> StreamHead {
        StreamHead(EffectiveStream(try events(inStream: streamID)))
    }

    /// `event(id:)` under a name no store overloads (`InMemoryLedger` is also a `LedgerEventStore`,
    /// whose `event(id:)` returns the recorded form).
    public func locate(eventID: UUID) throws -> LedgerStreamEvent? {
        try event(id: eventID)
    }
}
