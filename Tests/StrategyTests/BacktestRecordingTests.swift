import EventStore
import Finance
import Foundation
import Ledger
import PostgresClient
import TestSupport
import Testing
@testable import Strategy

/// How a backtest writes: many sessions' decisions per append, against one append per command.
@Suite(.serialized)
struct BacktestRecordingTests {
    /// Every stored column of every event, in global order, byte for byte (hashes included; only
    /// recorded_at and the writing transaction differ between two runs).
    static func ledgerRows(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT concat_ws('|', global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata,
                             alvh_unix_micros(occurred_at), encode(prev_hash, 'hex'), encode(hash, 'hex'))
              FROM events ORDER BY global_position
            """).rows.map { try $0.decode(String.self, 0) }
    }

    /// A synthetic market of `sessions` sessions from New Year of `year` (60 of them warm-up) and its
    /// macro calendar.
    static func market(seed: UInt64, year: Int, sessions: Int) -> (market: SyntheticMarket, start: CalendarDay, days: [MarketDay], calendar: EventCalendar) {
        let market = SyntheticMarket(seed: seed)
        let start = CalendarDay(year: year, month: 1, day: 1)!
        let days = market.days(start: start, sessions: 60 + sessions)
        return (market, start, days, SyntheticMarket.calendar(from: start, to: days.last!.date))
    }

    @Test func batchedAndPerCommandRecordingWriteTheSameLedger() throws {
        let (_, _, days, calendar) = Self.market(seed: 11, year: 2031, sessions: 252)
        let parameters = BacktestParameters(portfolio: "recording")
        var ledgers: [[String]] = []
        var results: [BacktestResult] = []
        for commit in [BacktestLedger.Commit.atFlush, .eachCommand] {
            let database = try TestDatabase.migrated()
            let store = try database.store()
            results.append(try Backtest(parameters: parameters).run(days: days, from: days[60].date, calendar: calendar,
                                                                    ledger: BacktestLedger(store: store, commit: commit)))
            ledgers.append(try Self.ledgerRows(store.connection))
            #expect(try store.verify().isIntact)
        }
        #expect(results[0] == results[1])
        #expect(results[0].eventsWritten == results[0].eventsRecorded && ledgers[0].count == results[0].eventsWritten)
        #expect(ledgers[0].count > 400, "a year of sessions, trades and hedges")
        #expect(ledgers[0] == ledgers[1])
    }

    /// A re-run finds everything written (one stream-version query and one id check per flush, not
    /// one per stream) and writes nothing; a stream changed behind the backtest's back is refused.
    @Test func aRerunWritesNothingAndAForeignEventIsRefused() throws {
        let (market, start, days, calendar) = Self.market(seed: 12, year: 2032, sessions: 126)
        let parameters = BacktestParameters(portfolio: "rerun")
        let database = try TestDatabase.migrated()
        let store = try database.store()
        let first = try Backtest(parameters: parameters).run(days: days, from: days[60].date, calendar: calendar, ledger: BacktestLedger(store: store))
        let head = try store.headPosition()
        let again = try Backtest(parameters: parameters).run(days: days, from: days[60].date, calendar: calendar, ledger: BacktestLedger(store: store))
        #expect(again.eventsWritten == 0 && again.eventsAlreadyStored == first.eventsRecorded - 1)
        #expect(try store.headPosition() == head)

        // Another event on the backtest's market stream: the re-run's history no longer matches.
        let feed = StreamName.market(parameters.feed)
        let version = try store.streamVersion(feed)
        try store.append(to: feed, expected: .exact(version), events: [NewEvent(type: "MarketObserved", data: Data(#"{"spx": "1"}"#.utf8),
                                                                                  metadata: Data("{}".utf8), occurredAt: Date())])
        let longer = market.days(start: start, sessions: 60 + 140)
        #expect(throws: StrategyError.self) {
            try Backtest(parameters: parameters).run(days: longer, from: longer[60].date, calendar: calendar, ledger: BacktestLedger(store: store))
        }
    }

    /// A batch written on the writer's thread that fails (a condor stream another writer wrote first)
    /// stops the run with its error: the store holds the batches before it, whole and in the order
    /// decided, nothing after it, and the ledger claims exactly what the store holds.
    @Test func aBatchThatFailsInTheBackgroundStopsTheRunAndClaimsNothing() throws {
        let (_, _, days, calendar) = Self.market(seed: 13, year: 2033, sessions: 252)
        let parameters = BacktestParameters(portfolio: "failing")
        let memory = BacktestLedger(store: nil)
        _ = try Backtest(parameters: parameters).run(days: days, from: days[60].date, calendar: calendar, ledger: memory)
        let decided = memory.events
        // A condor opened half-way: batches are written before it and decided after it.
        let opened = decided.filter { $0.streamID.hasPrefix("condor-") && $0.version == 1 }
        let victim = opened[opened.count / 2]
        #expect(decided.count > 400 && (decided.firstIndex(of: victim) ?? 0) > 100)
        let database = try TestDatabase.migrated()
        let store = try database.store()
        try store.append(to: victim.streamID, expected: .noStream,
                         events: [NewEvent(type: "CondorNote", data: Data("{}".utf8), metadata: Data("{}".utf8), occurredAt: Date())])
        let ledger = BacktestLedger(store: store)
        #expect(throws: StrategyError.self) {
            try Backtest(parameters: parameters).run(days: days, from: days[60].date, calendar: calendar, ledger: ledger)
        }
        let stored = try store.readAll(after: 1, limit: 100_000).map(\.eventID)
        #expect(!stored.isEmpty && stored == decided.prefix(stored.count).map(\.eventID))
        #expect(!stored.contains(victim.eventID))
        #expect(ledger.eventsWritten == stored.count)
        #expect(try store.headPosition() == Int64(stored.count) + 1)
        #expect(try store.verify().isIntact)
    }
}
