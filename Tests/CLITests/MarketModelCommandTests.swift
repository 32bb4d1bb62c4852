import ALVHCLI
import EventStore
import Foundation
import Ledger
import Testing
import TestSupport

/// `alvh market model` and the model flags of `alvh backtest`, through the built `alvh`.
@Suite("alvh market model", .serialized)
struct MarketModelCommandTests {
    func alvh(_ database: TestDatabase, _ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let (status, out, err) = ALVHProcess.run(["--database", database.connectionString] + arguments)
        return (status, out, err)
    }

    func head(_ database: TestDatabase) throws -> Int64 {
        let store = try database.store()
        defer { store.connection.close() }
        return try store.headPosition()
    }

    @Test func printsTheFeedsModelAndRecordsAChange() throws {
        let database = try TestDatabase.migrated()
        #expect(alvh(database, ["mark", "--at", "2026-03-02T21:00:00Z", "--spx", "5000", "--vix", "18"]).status == 0)
        let shown = alvh(database, ["market", "model", "--feed", "spx"])
        #expect(shown.status == 0 && shown.out.contains("feed spx: model ") && shown.out.contains("fills at mid ∓ 0.1 per leg"), "\(shown)")
        let change = alvh(database, ["--json", "market", "model", "--feed", "spx", "--rate", "0.05", "--fee-per-leg", "0.65", "--at", "2026-03-03T14:00:00Z",
                                     "--note", "new broker"])
        #expect(change.status == 0, "\(change.err)")
        let store = try database.store()
        defer { store.connection.close() }
        let events = try store.readStream(StreamName.market("spx")).map { try LedgerStreamEvent(recorded: $0) }
        #expect(events.map(\.event.type) == [MarketObserved.eventType, MarketModelSet.eventType, MarketModelSet.eventType])
        guard case .marketModelSet(let set) = events[2].event else { Issue.record("no change recorded"); return }
        var expected = MarketModelParameters.standard
        expected.rate = Decimal(string: "0.05")!
        expected.execution.feePerLegContract = Decimal(string: "0.65")!
        #expect(set.model == expected && set.note == "new broker", "the flags change only their parameters")
        let json = alvh(database, ["--json", "market", "model", "--feed", "spx"])
        #expect(json.out.contains(#""rate":"0.05""#) && json.out.contains(#""feePerLegContract":"0.65""#) && json.out.contains(events[2].eventID.lowercasedString))
    }

    /// Out-of-range parameters and unknown feeds name the flag and the rule, exit 2, write nothing.
    @Test func badInputIsRefusedAndWritesNothing() throws {
        let database = try TestDatabase.migrated()
        let unknown = alvh(database, ["market", "model", "--feed", "nowhere", "--rate", "0.05"])
        #expect(unknown.status == 2 && unknown.err.contains("--feed: no feed 'nowhere'"), "\(unknown)")
        #expect(alvh(database, ["mark", "--at", "2026-03-02T21:00:00Z", "--spx", "5000", "--vix", "18"]).status == 0)
        let before = try head(database)
        for (arguments, message) in [
            (["--slippage", "-0.1"], "--slippage: must be ≥ 0 and ≤ 100 index points per leg (got -0.1)"),
            (["--rate", "0.6"], "--rate: must be a fraction between -0.10 and 0.50 (0.04 = 4 %) (got 0.6)"),
            (["--rate", "-0.2"], "--rate: must be a fraction between -0.10 and 0.50"),
            (["--rate", "4%"], "--rate: must be a plain decimal number (got '4%')"),
            (["--fee-per-leg", "-1"], "--fee-per-leg: must be ≥ 0"),
            (["--vix-option-vol", "0"], "--vix-option-vol: must be a fraction between 0.01 and 5"),
            (["--vix-curve-days", "0"], "--vix-curve-days: must be 1 … 365 calendar days (got 0)"),
            (["--rate", "0.05", "--at", "2026-03-01T21:00:00Z"], "--at: must not be earlier than the stream's last event"),
            (["--feed", "Not A Feed"], "--feed: must be 1–40 characters"),
        ] {
            let run = alvh(database, ["market", "model", "--feed", "spx"] + arguments)
            #expect(run.status == 2 && run.err.contains(message), "\(arguments): \(run.err)")
        }
        #expect(try head(database) == before, "nothing written")
        let backtest = alvh(database, ["backtest", "--synthetic", "--years", "0.1", "--portfolio", "p", "--slippage", "-1"])
        #expect(backtest.status == 2 && backtest.err.contains("--slippage: must be ≥ 0"), "\(backtest.err)")
        let rule = alvh(database, ["backtest", "--synthetic", "--years", "0.1", "--portfolio", "p", "--policy", "fixed", "--at-stop", "later"])
        #expect(rule.status == 2 && rule.err.contains("--at-stop: must be close or roll"), "\(rule.err)")
        #expect(try head(database) == before, "nothing written")
    }
}
