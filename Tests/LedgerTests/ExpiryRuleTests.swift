import Foundation
@testable import Ledger
import Testing

/// Condor expiries follow the exchange calendar: a typed `--expiry` must be a trading day, and the
/// settlement instant (time to expiry everywhere) is the expiry session's open or close.
@Suite("Expiry rule")
struct ExpiryRuleTests {
    static let open = ["--portfolio", "p", "--underlying", "SPXW", "--long-put", "4000", "--short-put", "4050", "--short-call", "4600",
                       "--long-call", "4650", "--contracts", "1", "--credit", "8", "--at", "2022-02-04T20:00:00Z"]

    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("condor open --expiry on a holiday or a weekend is refused with the rule and the nearest trading days; nothing is decided")
    func openOnAClosedDayIsRefused() throws {
        let h = LedgerHarness()
        #expect(throws: LedgerValidationError(field: "--expiry", rule: "2022-04-15 is an exchange holiday (Good Friday); options expire on exchange trading days: the nearest are 2022-04-14 and 2022-04-18")) {
            try h.run("condor open", Self.open + ["--expiry", "2022-04-15"])
        }
        #expect(throws: LedgerValidationError(field: "--expiry", rule: "2022-04-16 is a Saturday; options expire on exchange trading days: the nearest are 2022-04-14 and 2022-04-18")) {
            try h.run("condor open", Self.open + ["--expiry", "2022-04-16"])
        }
        #expect(throws: LedgerValidationError(field: "--expiry", rule: "2025-01-09 is an exchange holiday (national day of mourning (President Carter)); options expire on exchange trading days: the nearest are 2025-01-08 and 2025-01-10")) {
            try h.run("condor open", Self.open + ["--expiry", "2025-01-09"])
        }
        #expect(h.ledger.appended.isEmpty)
        let id = try #require(try h.run("condor open", Self.open + ["--expiry", "2022-04-14"]).condorID)
        #expect(try h.condor(id)?.expiry == CalendarDate(iso: "2022-04-14"))
    }

    @Test("a roll's new --expiry on a closed day is refused the same way")
    func rollOntoAClosedDayIsRefused() throws {
        let h = LedgerHarness()
        let id = try #require(try h.run("condor open", Self.open + ["--expiry", "2022-03-18"]).condorID)
        let count = h.ledger.appended.count
        #expect(throws: LedgerValidationError(field: "--expiry", rule: "2022-04-15 is an exchange holiday (Good Friday); options expire on exchange trading days: the nearest are 2022-04-14 and 2022-04-18")) {
            try h.run("condor roll", [id.uuidString, "--side", "both", "--expiry", "2022-04-15", "--close-price", "3", "--open-price", "5",
                                      "--at", "2022-03-01T20:00:00Z"])
        }
        #expect(h.ledger.appended.count == count)
        try h.run("condor roll", [id.uuidString, "--side", "both", "--expiry", "2022-04-14", "--close-price", "3", "--open-price", "5",
                                  "--at", "2022-03-01T20:00:00Z"])
        #expect(try h.condor(id)?.expiry == CalendarDate(iso: "2022-04-14"))
    }

    @Test("settlement: PM at the session close (13:00 on an early close), AM at 09:30; a holiday expiry settles the trading day before")
    func settlementInstants() {
        #expect(LedgerDecider.settlementInstant(CalendarDate(iso: "2024-11-29")!, style: .pm) == instant("2024-11-29T18:00:00Z"))
        #expect(LedgerDecider.settlementInstant(CalendarDate(iso: "2024-11-29")!, style: .am) == instant("2024-11-29T14:30:00Z"))
        #expect(LedgerDecider.settlementInstant(CalendarDate(iso: "2024-11-27")!, style: .pm) == instant("2024-11-27T21:00:00Z"))
        #expect(LedgerDecider.settlementInstant(CalendarDate(iso: "2022-04-15")!, style: .pm) == instant("2022-04-14T20:00:00Z"))
        #expect(ExpiryRule.expiryDay(CalendarDate(iso: "2022-04-15")!) == CalendarDate(iso: "2022-04-14"))
    }

    @Test("a condor recorded with a holiday expiry (as older backtests did) expires on the trading day before")
    func legacyHolidayExpiry() throws {
        let h = LedgerHarness()
        // Not through the parser (which refuses it): the backtest builds its commands directly.
        let legs = try IronCondorLegs(expiry: CalendarDate(iso: "2022-04-15")!, longPut: 4000, shortPut: 4050, shortCall: 4600, longCall: 4650)
        let context = CommandContext(commandID: UUID(), actor: "tester", toolVersion: "test", now: instant("2022-02-04T21:00:00Z"))
        let decision = try LedgerDecider(reader: h.ledger, context: context).decide(.openCondor(OpenCondor(
            portfolio: "p", underlying: .spxw, strikes: legs, contracts: 1, credit: 8, at: instant("2022-02-04T21:00:00Z"))))
        try h.ledger.append(decision.appends)
        let id = try #require(decision.condorID)
        try h.run("condor expire", [id.uuidString, "--settlement", "4446.59", "--at", "2022-04-14T20:00:00Z"])
        #expect(try h.condor(id)?.status == .expired)
    }
}
