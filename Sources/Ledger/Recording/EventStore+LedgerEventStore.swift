import EventStore

/// The PostgreSQL event store records the ledger.
extension EventStore: LedgerEventStore {}
