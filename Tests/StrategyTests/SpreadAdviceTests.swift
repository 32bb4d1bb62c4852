import Finance
import Foundation
import Ledger
import Market
import TestSupport
import Testing
@testable import Strategy

/// Issue 16, point 1: `alvh advise` on a put credit spread and a call credit spread, through the built
/// `alvh` against a real PostgreSQL. The side a spread lacks contributes nothing: delta 0, no price
/// break-even on that side, half an iron condor's roll cost.
@Suite(.serialized)
struct SpreadAdviceTests {
    static let markAt = "2026-03-02T21:00:00Z"

    func run(_ database: TestDatabase, _ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        ALVHProcess.run(["--database", database.connectionString] + arguments)
    }

    /// The JSON object printed: one line (`condor open`) or several (`advise`), from its first line on.
    func json(_ text: String) throws -> [String: Any] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("{") })
        let object = lines[start...].joined(separator: "\n")
        return try #require(try JSONSerialization.jsonObject(with: Data(object.utf8)) as? [String: Any])
    }

    /// Opens a spread before the mark and returns its id.
    func open(_ database: TestDatabase, _ strikes: [String], credit: String) throws -> String {
        let opened = run(database, ["--json", "condor", "open", "--portfolio", "income", "--underlying", "SPX", "--expiry", "2026-04-17",
                                    "--contracts", "2", "--credit", credit, "--fees", "5.20", "--at", "2026-03-02T15:00:00Z"] + strikes)
        try #require(opened.status == 0, "\(opened.stderr)")
        return try #require(try json(opened.stdout)["condor"] as? String)
    }

    /// The mark the advice reads, as the model sees it.
    func mark(spx: Double, vix: Double, vix3m: Double) -> MarketMark {
        let observed = MarketObserved(spx: Decimal(spx), vix: Decimal(vix), vix3m: Decimal(vix3m))
        return MarketMark(eventID: UUID(), position: 1, at: ISO8601DateFormatter().date(from: Self.markAt)!, observed: observed, model: .standard)
    }

    @Test func aPutSpreadIsAdvisedFromItsTwoLegs() throws {
        let database = try TestDatabase.migrated()
        #expect(run(database, ["mark", "--at", Self.markAt, "--spx", "5100", "--vix", "18", "--vix3m", "19.5"]).status == 0)
        let id = try open(database, ["--long-put", "4900", "--short-put", "4950"], credit: "3.10")
        let advised = run(database, ["--json", "advise", id, "--at", Self.markAt])
        try #require(advised.status == 0, "\(advised.stderr)")
        let position = try #require(try json(advised.stdout)["position"] as? [String: Any])
        let breakEvens = try #require(position["priceBreakEvens"] as? [Any])
        #expect((breakEvens[0] as? Double).map { abs($0 - 4946.9) < 1e-9 } == true && breakEvens[1] is NSNull, "put spread: lower only")
        #expect(position["shortCallDelta"] as? Double == 0)
        // The greeks are the put spread's: the model's risk for the same strikes at the same mark, × 2 contracts.
        let strikes = try IronCondorLegs(expiry: CalendarDate(iso: "2026-04-17")!, longPut: 4900, shortPut: 4950, shortCall: nil, longCall: nil)
        let risk = try #require(MarketModel.standard.risk(strikes, underlying: .spx, contracts: 2, at: mark(spx: 5100, vix: 18, vix3m: 19.5), stopLevel: 9.3))
        #expect(risk.shortPutDelta < 0 && risk.shortCallDelta == 0)
        #expect(abs((position["shortPutDelta"] as? Double ?? 0) - risk.shortPutDelta) < 1e-12)
        #expect(abs((position["delta"] as? Double ?? 0) - risk.valuation.position.delta) < 1e-9 && risk.valuation.position.delta > 0,
                "a short put spread is long delta")
        #expect(abs((position["vegaPerVolPoint"] as? Double ?? 0) - risk.valuation.position.vega / 100) < 1e-9 && risk.valuation.position.vega < 0)
        guard case .volatility(let v)? = risk.volatilityBreakEven else { Issue.record("no volatility break-even"); return }
        #expect(abs((position["volatilityBreakEven"] as? Double ?? 0) - v) < 1e-12)
        // At that flat vol the put spread is worth the stop, 3 × the 3.10 credit (the standard model: r 4 %, q 1.3 %).
        func put(_ k: Double) throws -> Double {
            try BlackScholesMerton.price(.put, spot: 5100, strike: k, timeYears: risk.timeYears, rate: 0.04, dividendYield: 0.013, volatility: v)
        }
        #expect(abs(try put(4950) - put(4900) - 9.3) < 1e-6, "break-even vol \(v)")
        // Text: the missing side reads n/a.
        let text = run(database, ["advise", id, "--at", Self.markAt])
        #expect(text.status == 0 && text.stdout.contains("4900/4950 put spread ×2") && text.stdout.contains("call n/a")
                && text.stdout.contains("break-evens: price 4946.90 / n/a"), "\(text.stdout)")
    }

    /// A threatened call spread in an inverted term structure is rolled on its call side, and its
    /// roll cost counts its 4 legs (half of `legsPerRoll` = 8).
    @Test func aThreatenedCallSpreadRollsItsCallSide() throws {
        let database = try TestDatabase.migrated()
        #expect(run(database, ["mark", "--at", Self.markAt, "--spx", "5100", "--vix", "22", "--vix3m", "20"]).status == 0)
        let id = try open(database, ["--short-call", "5125", "--long-call", "5175"], credit: "20")
        let advised = run(database, ["--json", "advise", id, "--at", Self.markAt])
        try #require(advised.status == 0, "\(advised.stderr)")
        let object = try json(advised.stdout)
        let position = try #require(object["position"] as? [String: Any])
        let breakEvens = try #require(position["priceBreakEvens"] as? [Any])
        #expect(breakEvens[0] is NSNull && (breakEvens[1] as? Double) == 5145, "call spread: upper only (5125 + 20)")
        #expect(position["shortPutDelta"] as? Double == 0 && (position["shortCallDelta"] as? Double ?? 0) > 0.3)
        let alvh = try #require(object["alvh"] as? [String: Any])
        let action = try #require(alvh["action"] as? [String: Any])
        #expect(alvh["regime"] as? String == "regime-change" && action["name"] as? String == "roll" && action["testedSide"] as? String == "call",
                "\(alvh)")
        // Slippage 0.10 × 100 + fee 0 per leg (the standard model), 4 legs × 2 contracts.
        let execution = MarketModel.standard.execution
        let perLeg = NSDecimalNumber(decimal: execution.slippagePerLeg * 100 + execution.feePerLegContract).doubleValue
        #expect(abs((alvh["rollCost"] as? Double ?? 0) - 4 * 2 * perLeg) < 1e-9 && perLeg > 0)
    }
}
