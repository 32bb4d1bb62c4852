import EventStore
import Foundation
@testable import Ledger

func instant(_ text: String) -> Date { FieldParser.parseInstant(text)! }

/// A ledger in memory plus a clock: runs commands the way the CLI does, minus the database.
final class LedgerHarness {
    let ledger = InMemoryLedger()
    var now = instant("2026-03-02T15:00:00Z")
    var commandCounter = 0

    /// Parses, decides and appends; returns the decision.
    @discardableResult
    func run(_ name: String, _ tokens: [String], commandID: UUID? = nil) throws -> LedgerDecision {
        commandCounter += 1
        let commandID = commandID ?? RandomTradingSession.Step(name: name, tokens: tokens).commandID ?? UUID()
        let context = CommandContext(commandID: commandID, actor: "tester", toolVersion: "test", now: now)
        let command = try LedgerCommand.parse(name: name, arguments: CommandArguments(tokens: tokens))
        let decision = try LedgerDecider(reader: ledger, context: context).decide(command)
        try ledger.append(decision.appends)
        return decision
    }

    func condor(_ id: UUID) throws -> CondorState? { CondorState.fold(try ledger.events(inStream: StreamName.condor(id))) }
    func layer(_ id: UUID) throws -> HedgeLayerState? { HedgeLayerState.fold(try ledger.events(inStream: StreamName.hedge(id))) }

    /// Opens a standard condor and returns its id.
    func openStandard(portfolio: String = "main", at: String = "2026-03-02T15:00:00Z", contracts: String = "2") throws -> UUID {
        try run("condor open", ["--portfolio", portfolio, "--underlying", "SPX", "--expiry", "2026-03-20", "--long-put", "4900",
                                "--short-put", "4950", "--short-call", "5300", "--long-call", "5350", "--contracts", contracts,
                                "--credit", "10.25", "--fees", "5.20", "--at", at]).condorID!
    }
}
