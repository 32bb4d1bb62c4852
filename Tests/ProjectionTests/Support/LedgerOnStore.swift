import EventStore
import Foundation
import Ledger
import PostgresClient
import Projections
import TestSupport

/// A real ledger in a fresh test database: commands are parsed and decided by the Ledger deciders
/// and appended through the real event store; projections are caught up through the real
/// `Projector` (no mock anywhere).
final class LedgerOnStore {
    let database: TestDatabase
    let store: EventStore
    var commandCount = 0

    init() throws {
        database = try TestDatabase.migrated()
        store = try database.store()
    }

    /// Records one command (`alvh` name and flag tokens). Returns the decision.
    @discardableResult
    func run(_ name: String, _ tokens: [String], now: Date = Date(timeIntervalSince1970: 1_767_225_600)) throws -> LedgerDecision {
        commandCount += 1
        let context = CommandContext(commandID: UUID(), actor: "tester", toolVersion: "test", now: now)
        let command = try LedgerCommand.parse(name: name, arguments: CommandArguments(tokens: tokens))
        let decision = try LedgerDecider(reader: StoreReader(store: store), context: context).decide(command)
        try store.append(decision.appends)
        return decision
    }

    /// Records one typed command (one the command line does not parse by name).
    @discardableResult
    func record(_ command: LedgerCommand, now: Date = Date(timeIntervalSince1970: 1_767_225_600)) throws -> LedgerDecision {
        commandCount += 1
        let context = CommandContext(commandID: UUID(), actor: "tester", toolVersion: "test", now: now)
        let decision = try LedgerDecider(reader: StoreReader(store: store), context: context).decide(command)
        try store.append(decision.appends)
        return decision
    }

    /// Projector on this ledger's session.
    var projector: Projector { Projector(store: store) }

    /// Catches up and loads the projection rows.
    func book() throws -> ProjectionBook {
        try projector.catchUp()
        return try ProjectionBook.load(store.connection)
    }

    /// Every projection table as ordered text: two dumps are equal exactly when the rows are.
    func dump() throws -> String {
        try ProjectionSchema.orderedDump(store.connection)
    }

    /// Opens a 1-lot SPX condor 4900/4950/5300/5350 (both wings 50 wide) expiring 2026-03-20.
    func openCondor(credit: String, at: String, id: UUID = UUID(), contracts: String = "1", portfolio: String = "main") throws -> UUID {
        try run("condor open", ["--id", id.uuidString.lowercased(), "--portfolio", portfolio, "--underlying", "SPX", "--expiry", "2026-03-20",
                                "--long-put", "4900", "--short-put", "4950", "--short-call", "5300", "--long-call", "5350",
                                "--contracts", contracts, "--credit", credit, "--fees", "0", "--at", at])
        return id
    }
}

/// `LedgerReading` over the real store.
struct StoreReader: LedgerReading {
    let store: EventStore

    func events(inStream streamID: String) throws -> [LedgerStreamEvent] {
        try store.readStream(streamID).map(LedgerStreamEvent.init(recorded:))
    }

    func event(id eventID: UUID) throws -> LedgerStreamEvent? {
        try store.event(id: eventID).map(LedgerStreamEvent.init(recorded:))
    }
}

/// XIRR of two flows by the closed form: (back / out)^(365 / days) − 1.
func twoFlowRate(out: Double, back: Double, days: Double) -> Double {
    pow(back / out, 365 / days) - 1
}
