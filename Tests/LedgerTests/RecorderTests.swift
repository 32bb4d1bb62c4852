import EventStore
import Foundation
@testable import Ledger
import Testing

@Suite("Recorder over a store")
struct RecorderTests {
    let open = ["--portfolio", "main", "--underlying", "SPXW", "--expiry", "2026-03-20", "--long-put", "4900", "--short-put", "4950",
                "--short-call", "5300", "--long-call", "5350", "--contracts", "1", "--credit", "10", "--at", "2026-03-02T15:00:00Z"]

    @Test func aRetriedCommandIDRecordsNothingAndReturnsTheOriginalResult() throws {
        let store = InMemoryLedger()
        let recorder = LedgerRecorder(store: store)
        let context = CommandContext(commandID: UUID(), actor: "t", toolVersion: "t", now: instant("2026-03-02T16:00:00Z"))
        let first = try recorder.record("condor open", CommandArguments(tokens: open), context: context)
        #expect(!first.wasAlreadyRecorded && first.positions == [1, 2] && first.lines.count == 2)
        #expect(first.lines[1].hasPrefix("condor \(first.condorID!.lowercasedString) opened in main: SPXW 2026-03-20 4900/4950/5300/5350 ×1 for 10 credit"))
        var later = context
        later.now = instant("2026-03-09T16:00:00Z")
        let retry = try recorder.record("condor open", CommandArguments(tokens: open), context: later)
        #expect(retry.wasAlreadyRecorded)
        #expect(retry.condorID == first.condorID && retry.eventIDs == first.eventIDs && retry.positions == first.positions && retry.lines == first.lines)
        #expect(store.recorded.count == 2)
    }

    @Test func importThroughTheRecorderIsIdempotent() throws {
        let store = InMemoryLedger()
        let recorder = LedgerRecorder(store: store)
        let first = try recorder.importCSV(Data(ImportTests.good.utf8), actor: "t", toolVersion: "t")
        // 6 rows + PortfolioOpened + the default market model recorded with the feed's first mark.
        #expect(first.recordedLines == [2, 3, 4, 5, 6, 7] && first.positions == Array(1...8))
        let second = try recorder.importCSV(Data(ImportTests.good.utf8), actor: "t", toolVersion: "t")
        #expect(second.recordedLines.isEmpty && second.alreadyRecordedLines == [2, 3, 4, 5, 6, 7] && store.recorded.count == 8)
    }
}
