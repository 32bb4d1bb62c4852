import EventStore
import Foundation
import Ledger
import Testing

extension Reliability {
    /// Two processes running the same command id at once: the one that loses the race must still answer
    /// with the original result (idempotency), not with the error its stale decision runs into. Found by
    /// the crash and load tests ("condor … already exists", exit 2, from an open whose twin committed
    /// between the recorder's "recorded already?" check and its decision); reproduced here step by step.
    @Suite("Idempotent command race")
    struct IdempotentRaceTests {
        /// An in-memory store on which the twin process commits the same command right after the
        /// recorder's first look at the ledger (its "recorded already?" check).
        final class TwinCommitsInBetween: LedgerEventStore {
            let ledger = InMemoryLedger()
            var twin: (() throws -> Void)?

            func append(_ batch: [StreamAppend]) throws -> [AppendResult] { try ledger.append(batch) }

            func readStream(_ streamID: String) throws -> [RecordedEvent] {
                if let twin {
                    self.twin = nil
                    try twin()
                }
                return try ledger.readStream(streamID)
            }

            func event(id: UUID) throws -> RecordedEvent? { try ledger.event(id: id) }
        }

        static func open(_ condor: UUID) -> CommandArguments {
            var arguments = CommandArguments()
            for (flag, value) in [("--id", condor.uuidString.lowercased()), ("--portfolio", "race"), ("--underlying", "SPX"), ("--expiry", "2026-03-20"),
                                  ("--long-put", "4900"), ("--short-put", "4950"), ("--short-call", "5300"), ("--long-call", "5350"),
                                  ("--contracts", "1"), ("--credit", "10"), ("--at", "2026-01-02T15:00:00Z")] {
                arguments.set(flag, value)
            }
            return arguments
        }

        @Test("the loser of a same-command-id race gets the original result", arguments: ["condor open", "condor defer"])
        func loserGetsOriginal(command: String) throws {
            let store = TwinCommitsInBetween()
            let condor = UUID()
            let setup = CommandContext(actor: "test", toolVersion: "test")
            var arguments = Self.open(condor)
            if command == "condor defer" {
                try LedgerRecorder(store: store.ledger).record("condor open", arguments, context: setup)
                arguments = CommandArguments(positional: condor.uuidString.lowercased())
                arguments.set("--reason", "calm")
                arguments.set("--at", "2026-01-03T15:00:00Z")
            }
            let context = CommandContext(commandID: UUID(), actor: "test", toolVersion: "test", now: Date(timeIntervalSince1970: 1_767_600_000))
            var twinResult: RecordedCommand?
            let twinArguments = arguments
            store.twin = { twinResult = try LedgerRecorder(store: store.ledger).record(command, twinArguments, context: context) }

            let result = try LedgerRecorder(store: store).record(command, arguments, context: context)
            let twin = try #require(twinResult)
            #expect(!twin.wasAlreadyRecorded)
            #expect(result.wasAlreadyRecorded)
            #expect(result.eventIDs == twin.eventIDs && result.positions == twin.positions)
            #expect(store.ledger.recorded.filter { $0.eventID == twin.eventIDs[0] }.count == 1)
        }
    }
}
