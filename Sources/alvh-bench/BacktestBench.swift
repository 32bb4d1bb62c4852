import ArgumentParser
import EventStore
import Finance
import Foundation
import Ledger
import Market
import PostgresClient
import Projections
import Strategy

/// `alvh-bench backtest`: the market model's pricing (condor values, fixed-rule steps and delta
/// strike selections per second, one thread), the daily backtest in memory (sessions/s on one
/// thread, nothing written), and with a database the decision review of a recorded one (`alvh
/// decisions`' computation over every condor: seconds, decisions and marks), printed as
/// `name = value unit`.
///
/// The market is the daily files of `--data` (`spx_daily.csv`, `vix_daily.csv`, `vix3m_daily.csv`,
/// `vix9d_daily.csv`, `us_macro_events.csv`, the layout of ../shared/data) from `--from` to `--to`,
/// else `--years` of the seeded synthetic market.
struct BacktestBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest sessions/s in memory; with --database, alvh decisions' seconds over the recorded backtest.")

    @Option(help: ArgumentHelp("Directory with the daily files (the layout of ../shared/data); default: the synthetic market.", valueName: "DIR"))
    var data: String?
    @Option(help: "First session recorded (with --data).") var from: String = "2010-01-01"
    @Option(help: "Last session (with --data).") var to: String = "2026-07-01"
    @Option(help: "Synthetic market length in years (without --data).") var years: Double = 16.5
    @Option(help: "Synthetic market seed.") var seed: UInt64 = 1
    @Option(help: "alvh or fixed.") var policy: String = "alvh"
    @Option(help: "In-memory runs (the best is printed).") var repeats: Int = 3
    @Option(help: ArgumentHelp("Admin connection URL: record the backtest in a database created there (dropped at the end) and time the decision review.", valueName: "URL"))
    var database: String?
    @Option(help: "Decision reviews to time (the median is printed).") var reviews: Int = 5

    func run() throws {
        guard let policy = BacktestPolicy(rawValue: policy) else { throw ValidationError("--policy: must be alvh or fixed") }
        try pricing()
        let (days, firstRecorded, calendar) = try market()
        let parameters = BacktestParameters(portfolio: "bench", policy: policy)
        var best = Double.infinity
        var result: BacktestResult?
        for _ in 0..<max(repeats, 1) {
            let started = DispatchTime.now().uptimeNanoseconds
            result = try Backtest(parameters: parameters).run(days: days, from: firstRecorded, calendar: calendar, ledger: BacktestLedger(store: nil))
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        guard let result else { return }
        print("backtest_sessions = \(result.sessions) count")
        print("backtest_condors = \(result.condorsOpened) count")
        print("backtest_events = \(result.eventsRecorded) count")
        print("backtest_in_memory_s = \(String(format: "%.3f", best)) s")
        print("backtest_sessions_per_s = \(Int(Double(result.sessions) / best)) sessions/s")
        if let database { try review(days: days, from: firstRecorded, calendar: calendar, parameters: parameters, server: database) }
    }

    /// What the backtest and the review spend per priced condor.
    func pricing() throws {
        let model = MarketModel.standard
        let mark = MarketMark(eventID: UUID(), position: 0, at: MarketCalendar.closeInstant(CalendarDate(iso: "2026-03-02")!),
                              observed: MarketObserved(feed: "bench", spx: 5000, vix: 18, vix9d: 17, vix3m: 19), model: model)
        let legs = try IronCondorLegs(expiry: CalendarDate(iso: "2026-04-17")!, longPut: 4500, shortPut: 4550, shortCall: 5250, longCall: 5300)
        let engine = FixedRuleEngine(rule: .standard)
        let position = FixedRulePosition(strikes: legs, underlying: .spxw, contracts: 1, credit: 3, feesPerFourLegs: 4, tenorDays: 45)
        func rate(_ count: Int, _ body: () throws -> Void) rethrows -> Int {
            let started = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<count { try body() }
            return Int(Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9))
        }
        var zeros = 0
        let priced = PricedLegs(legs)
        print("model_condor_values_per_s = \(rate(200_000) { if model.value(priced, underlying: .spxw, at: mark).perUnit.isZero { zeros += 1 } }) values/s")
        print("model_fixed_steps_per_s = \(rate(200_000) { if engine.step(position, at: mark).value.perUnit.isZero { zeros += 1 } }) steps/s")
        print("model_strike_selections_per_s = \(try rate(2_000) { if try model.strike(.put, targetDelta: 0.16, expiry: legs.expiry, underlying: .spxw, at: mark).isZero { zeros += 1 } }) strikes/s")
        if zeros < 0 { print(zeros) }
    }

    func market() throws -> (days: [MarketDay], from: CalendarDay?, calendar: EventCalendar?) {
        guard let data else {
            let start = CalendarDay(year: 2010, month: 1, day: 1)!
            let days = SyntheticMarket(seed: seed).days(start: start, sessions: 60 + Int(years * 252))
            return (days, days[60].date, SyntheticMarket.calendar(from: start, to: days.last!.date))
        }
        let directory = URL(fileURLWithPath: data)
        func closes(_ name: String) throws -> [CalendarDay: Double] { try DailyBarFile.closes(contentsOf: directory.appendingPathComponent(name)) }
        guard let first = CalendarDay(iso: from), let last = CalendarDay(iso: to) else { throw ValidationError("--from/--to: dates YYYY-MM-DD") }
        var days = DailyBarFile.join(spx: try closes("spx_daily.csv"), vix: try closes("vix_daily.csv"), vix3m: try closes("vix3m_daily.csv"),
                                     vix9d: try closes("vix9d_daily.csv")).filter { $0.date <= last }
        if let index = days.firstIndex(where: { $0.date >= first }) { days = Array(days[max(0, index - 60)...]) }
        let calendar = try EventCalendar(contentsOf: directory.appendingPathComponent("us_macro_events.csv"))
        return (days, first, calendar)
    }

    /// Records the backtest in a fresh database, catches the projections up, then times the decision
    /// review over every condor (what `alvh decisions` computes before printing).
    func review(days: [MarketDay], from: CalendarDay?, calendar: EventCalendar?, parameters: BacktestParameters, server: String) throws {
        let name = "alvh_bench_backtest_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try PostgresConnection(connectionString: server)
        try admin.execute("CREATE DATABASE \(try admin.quoteIdentifier(name)) TEMPLATE template0 ENCODING 'UTF8'")
        defer {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(try admin.quoteIdentifier(name)) WITH (FORCE)")
            admin.close()
        }
        let configuration = PostgresConfiguration(statementTimeout: 0, idleInTransactionSessionTimeout: 0)
        let store = EventStore(connection: try PostgresConnection(connectionString: try ConnectionString.replacingDatabase(in: server, with: name),
                                                                  configuration: configuration))
        defer { store.connection.close() }
        try store.migrate()
        _ = try Backtest(parameters: parameters).run(days: days, from: from, calendar: calendar, ledger: BacktestLedger(store: store))
        try Projector(store: store).catchUp()
        var times: [Double] = []
        var report: DecisionReport?
        for _ in 0..<max(reviews, 1) {
            let started = DispatchTime.now().uptimeNanoseconds
            report = try DecisionReport.build(store: store, rule: .standard)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        let marks = try store.connection.query("SELECT count(*)::bigint FROM alvh_projection.marks").scalar(Int64.self)
        print("decisions_lines = \(report?.lines.filter { $0.kind != "trade" }.count ?? 0) count")
        print("decisions_marks = \(marks) count")
        print("decisions_s = \(String(format: "%.3f", times.sorted()[times.count / 2])) s")
    }
}
