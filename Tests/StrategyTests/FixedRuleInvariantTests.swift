import EventStore
import Finance
import Foundation
import Ledger
import Market
import Projections
import TestSupport
import Testing
@testable import Strategy

/// The invariant the decision review rests on: for every condor that both an ALVH backtest (A) and
/// a fixed-rule backtest (B) of the same market opened, A's whole-trade fixed P&L (`alvh
/// decisions`) equals B's realized P&L for it, to the cent — for the default rule and for
/// non-default take-profit, stop, exit-dte and at-stop. Both run through the real ledger, store
/// and projections; nothing is shared but the market and the code under test.
@Suite(.serialized)
struct FixedRuleInvariantTests {
    /// The rules B is run with (A always runs with the default advisor).
    static let rules: [FixedRule] = [
        .standard,
        try! FixedRule(takeProfit: Decimal(string: "0.6")!, stop: Decimal(string: "1.5")!, exitDTE: 10),
        try! FixedRule(atStop: .roll),
        try! FixedRule(takeProfit: Decimal(string: "0.3")!, stop: 1, exitDTE: 21, atStop: .roll),
    ]

    struct Comparison {
        var rule: FixedRule
        var ended = 0
        var agreeing = 0
        var exits: [String: Int] = [:]
        var rolls = 0
    }

    /// Records A and one B per rule into a fresh database and compares every B condor that ended.
    static func compare(_ days: [MarketDay], from: CalendarDay, calendar: EventCalendar?, name: String) throws -> [Comparison] {
        let database = try TestDatabase.migrated()
        let store = try database.store()
        _ = try Backtest(parameters: BacktestParameters(portfolio: "\(name)-a")).run(days: days, from: from, calendar: calendar,
                                                                                   ledger: BacktestLedger(store: store))
        var fixedResults: [BacktestResult] = []
        for (index, rule) in rules.enumerated() {
            var advisor = AdvisorParameters()
            advisor.fixedRule = rule
            fixedResults.append(try Backtest(parameters: BacktestParameters(portfolio: "\(name)-b\(index)", policy: .fixed, advisor: advisor))
                .run(days: days, from: from, calendar: calendar, ledger: BacktestLedger(store: store)))
        }
        try Projector(store: store).catchUp()
        let book = try ProjectionBook.load(store.connection)
        let alvh = book.condors.filter { $0.portfolio == "\(name)-a" }
        let twins = Dictionary(uniqueKeysWithValues: alvh.map { (key($0), $0.condorID) })
        var comparisons: [Comparison] = []
        for (index, rule) in rules.enumerated() {
            let trades = try DecisionReport.build(store: store, book: book, condors: alvh, rule: rule).lines.filter { $0.kind == "trade" }
            let fixedLine = Dictionary(uniqueKeysWithValues: trades.map { ($0.condorID, $0) })
            var comparison = Comparison(rule: rule, exits: fixedResults[index].condorsClosed, rolls: fixedResults[index].rolls)
            for condor in book.condors where condor.portfolio == "\(name)-b\(index)" && condor.status != .open {
                comparison.ended += 1
                let line = try #require(twins[key(condor)].flatMap { fixedLine[$0] }, "A opened the same condor \(condor.openedAt)")
                #expect(line.fixedPnL == condor.realizedPnL,
                        "\(name) \(rule.description): condor opened \(CalendarDate(newYorkDateOf: condor.openedAt)) B realized \(condor.realizedPnL ?? 0), A's fixed line \(line.fixedPnL ?? 0) (\(line.fixedExit))")
                if line.fixedPnL == condor.realizedPnL { comparison.agreeing += 1 }
            }
            comparisons.append(comparison)
        }
        decisionsChecked = try checkDecisions(store: store, book: book, alvh: alvh, fixed: "\(name)-b0")
        return comparisons
    }

    /// Decisions checked against B by the last `compare`.
    nonisolated(unsafe) static var decisionsChecked = 0

    /// A decision's fixed path is the run the fixed policy makes from that state. Where A's condor
    /// had not been rolled yet and B's twin (default rule) was still open at the decision's mark, A's
    /// fixed P&L from the decision equals V × m (the value it starts from) plus what B made from that
    /// mark on: B's realized P&L less what B held after its opening (credit × m − opening fees).
    static func checkDecisions(store: EventStore, book: ProjectionBook, alvh: [CondorRow], fixed: String) throws -> Int {
        let marks = try MarkStore(connection: store.connection).marks(from: .distantPast, to: .distantFuture)
        let twins = Dictionary(uniqueKeysWithValues: book.condors.filter { $0.portfolio == fixed }.map { (key($0), $0) })
        let rows = Dictionary(uniqueKeysWithValues: alvh.map { ($0.condorID, $0) })
        let firstRoll = Dictionary(book.rolls.map { ($0.condorID, $0.rolledAt) }, uniquingKeysWith: min)
        let openingFlow = Dictionary(book.flows.filter { $0.what == "commit" }.map { ($0.ownerID, $0.amount) }, uniquingKeysWith: { a, _ in a })
        var checked = 0
        for line in try DecisionReport.build(store: store, book: book, condors: alvh, rule: .standard).lines {
            guard line.kind != "trade", let fixedPnL = line.fixedPnL, let at = line.decidedAt, let a = rows[line.condorID],
                  firstRoll[a.condorID].map({ $0 > at }) ?? true, let b = twins[key(a)], let realized = b.realizedPnL, let opening = openingFlow[b.condorID],
                  let start = marks.last(where: { $0.feed == MarketFeed.backtest(portfolio: a.portfolio) && $0.at <= at }),
                  (b.endedAt ?? .distantFuture) >= start.at else { continue }
            let m = a.multiplier * Decimal(a.contracts)
            // Not rolled before the decision: A's condor still had its opening strikes, which B holds to its end.
            let value = start.model.value(b.strikes, underlying: a.underlying, at: start).perUnit
            // The opening flow is −(W − credit) × m − fees, so what B held after opening is W × m + that flow.
            let heldAfterOpening = b.strikes.widestWing * m + opening
            #expect(fixedPnL == value * m + realized - heldAfterOpening,
                    "decision \(line.kind) at \(at) on \(a.condorID): fixed \(line.fixedChoice) → \(line.fixedExit); B \(b.closeReason?.rawValue ?? "open") \(b.endedAt.map { "\($0)" } ?? ""), value \(value), B realized \(realized)")
            checked += 1
        }
        return checked
    }

    /// Both backtests open the same condor on the same session at the same credit.
    static func key(_ row: CondorRow) -> String { "\(row.openedAt.timeIntervalSince1970)|\(row.openingCredit)" }

    static func report(_ comparisons: [Comparison], _ name: String) {
        for c in comparisons {
            print("invariant \(name) [\(c.rule.description)]: \(c.agreeing) of \(c.ended) agree; fixed exits \(c.exits), rolls \(c.rolls)")
        }
    }

    @Test(arguments: [UInt64(3), 11])
    func syntheticMarkets(seed: UInt64) throws {
        let start = CalendarDay(year: 2030, month: 1, day: 1)!
        let days = SyntheticMarket(seed: seed).days(start: start, sessions: 60 + 378)
        let comparisons = try Self.compare(days, from: days[60].date, calendar: SyntheticMarket.calendar(from: start, to: days.last!.date),
                                           name: "s\(seed)")
        Self.report(comparisons, "seed \(seed)")
        for c in comparisons {
            #expect(c.ended > 60 && c.agreeing == c.ended)
        }
        #expect(comparisons[0].exits["stop", default: 0] > 0, "the default rule stopped some condors out")
        #expect(comparisons.map(\.rolls).reduce(0, +) > 0, "the roll rules rolled")
        #expect(Self.decisionsChecked > 20, "decisions checked against the fixed backtest: \(Self.decisionsChecked)")
    }

    /// July 2019 to December 2020 of the real files (the February–March 2020 crash included).
    @Test func realHistory() throws {
        guard let spx = SharedData.file("spx_daily.csv"), let vix = SharedData.file("vix_daily.csv"),
              let vix3m = SharedData.file("vix3m_daily.csv"), let vix9d = SharedData.file("vix9d_daily.csv"),
              let macro = SharedData.file("us_macro_events.csv") else {
            print("SKIPPED realHistory: ../shared/data is absent beside the package")
            return
        }
        let joined = DailyBarFile.join(spx: try DailyBarFile.closes(contentsOf: spx), vix: try DailyBarFile.closes(contentsOf: vix),
                                       vix3m: try DailyBarFile.closes(contentsOf: vix3m), vix9d: try DailyBarFile.closes(contentsOf: vix9d))
        let from = CalendarDay(year: 2019, month: 7, day: 1)!
        let days = joined.filter { $0.date >= CalendarDay(year: 2019, month: 3, day: 1)! && $0.date <= CalendarDay(year: 2020, month: 12, day: 31)! }
        let comparisons = try Self.compare(days, from: from, calendar: try EventCalendar(contentsOf: macro), name: "real")
        Self.report(comparisons, "2019-07…2020-12")
        for c in comparisons {
            #expect(c.ended > 60 && c.agreeing == c.ended)
        }
        #expect(comparisons[0].exits["stop", default: 0] > 0 && comparisons[1].exits["time", default: 0] > 0)
        #expect(comparisons[2].rolls > 0, "March 2020 made the roll rule roll")
    }
}
