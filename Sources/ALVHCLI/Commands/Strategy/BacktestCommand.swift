import ArgumentParser
import Finance
import Foundation
import Ledger
import Strategy

/// Options shared by `alvh backtest` and `alvh demo`: the condor schedule.
struct ScheduleOptions: ParsableArguments {
    @Option(help: "Calendar days to expiry at entry (expiry: the first Friday on or after).") var dte = 45
    @Option(help: "Absolute delta of the short strikes.") var delta = 0.16
    @Option(help: "Wing width, index points.") var wing = 50.0
    @Option(help: "Condors sold at each entry.") var contracts = 1
    @Option(help: "ISO weekday of the entries: 1 Monday … 5 Friday.") var entryWeekday = 1
}

/// `alvh backtest`: records a real ledger from daily history or the synthetic market.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Trade condors on a schedule over daily market history and record every event in the ledger.",
        discussion: """
        Files: daily CSVs `date,open,high,low,close` (closes are used), a calendar CSV `date,type` (FOMC, CPI, PPI) and, with --vx, \
        VIX futures settlements `date,vx1,…,vx8` recorded on each mark (VIX options then priced off their expiry's future). \
        Or --synthetic --seed N --years Y. Re-running the same backtest into the same portfolio records nothing new; \
        a longer run extends a shorter one. Marks go to feed bt-<portfolio>, whose first event is the market model the backtest \
        prices and fills with (the documented defaults, or the model flags). The fixed rule (--take-profit, --stop, --exit-dte, \
        --at-stop) manages the condors with --policy fixed and is the advisor's reference with --policy alvh.
        """)

    @Option(help: "SPX daily CSV.") var spx: String?
    @Option(help: "VIX daily CSV.") var vix: String?
    @Option(help: "VIX3M daily CSV (term structure).") var vix3m: String?
    @Option(help: "VIX9D daily CSV.") var vix9d: String?
    @Option(help: "Macro calendar CSV (date,type).") var calendar: String?
    @Option(help: "VIX futures settlements CSV (date,vx1,…,vx8): VIX options priced off the future of their expiry.") var vx: String?
    @Option(help: "First session to record (YYYY-MM-DD); earlier ones warm the signals up.") var from: String?
    @Option(help: "Last session (YYYY-MM-DD).") var to: String?
    @Flag(help: "Use the seeded synthetic market instead of files.") var synthetic = false
    @Option(help: "Synthetic market seed.") var seed: UInt64 = 1
    @Option(help: "Synthetic market length in years (252 sessions each).") var years = 2.0
    @Option(help: "Synthetic market first day (YYYY-MM-DD).") var start = "2024-01-01"
    @Option(help: "Portfolio to record into.") var portfolio: String
    @Option(help: "alvh or fixed.") var policy = "alvh"
    @Option(name: .customLong("take-profit"), help: "Fixed rule: fraction of the credit kept when taking profit, in (0, 1].") var takeProfit: String = "0.5"
    @Option(help: "Fixed rule: stop at this multiple of the credit lost.") var stop: String = "2.0"
    @Option(name: .customLong("exit-dte"), help: ArgumentHelp("Fixed rule: exit at this many calendar days to expiry.", valueName: "N")) var exitDTE: Int?
    @Option(name: .customLong("at-stop"), help: "Fixed rule at the stop: close or roll.") var atStop: String = "close"
    @OptionGroup var schedule: ScheduleOptions
    @OptionGroup var model: MarketModelOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let policy = BacktestPolicy(rawValue: policy.lowercased()) else { throw CLIFailure.invalid("--policy", "must be alvh or fixed (got \(Echo.quoted(policy)))") }
        var advisor = AdvisorParameters()
        advisor.fixedRule = try FixedRuleOptions.rule(takeProfit: takeProfit, stop: stop, exitDTE: exitDTE, atStop: atStop)
        let parameters = BacktestParameters(portfolio: try Self.portfolioName(portfolio), policy: policy, entryDaysToExpiry: schedule.dte,
                                            shortDelta: schedule.delta, wingWidth: schedule.wing, contracts: schedule.contracts,
                                            entryWeekday: schedule.entryWeekday, model: try model.applied(to: .standard), advisor: advisor)
        try parameters.validate()
        let input = try marketInput()
        // Resumable: after a lost server the run starts again and records only what is not there yet.
        let result = try RecordingSession.make(global).record { store in
            let bar = ProgressBar(label: "backtest \(parameters.portfolio)", unit: "sessions")
            defer { bar.finish() }
            return try Backtest(parameters: parameters, toolVersion: ToolInfo.version)
                .run(days: input.days, from: input.from, calendar: input.calendar, ledger: BacktestLedger(store: store), progress: { bar.update($0, $1) })
        }.value
        if global.json {
            let data = try JSONEncoder.sorted.encode(result)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(result.summaryLines.joined(separator: "\n"))
        }
    }

    static func portfolioName(_ text: String) throws -> String {
        guard !text.isEmpty, text.count <= 200, !text.unicodeScalars.contains("\u{0}") else {
            throw CLIFailure.invalid("--portfolio", "must be 1–200 characters without NUL (got \(Echo.quoted(text)))")
        }
        return text
    }

    struct MarketInput {
        var days: [MarketDay]
        var from: CalendarDay?
        var calendar: EventCalendar?
    }

    func marketInput() throws -> MarketInput {
        let from = try from.map { try StrategyCommandSupport.date($0, field: "--from") }
        let to = try to.map { try StrategyCommandSupport.date($0, field: "--to") }
        if let from, let to, to < from { throw CLIFailure.invalid("--to", "must not be before --from (got \(to) < \(from))") }
        if synthetic {
            if spx != nil || vix != nil { throw CLIFailure.invalid("--synthetic", "give either --synthetic or --spx/--vix files, not both") }
            if vx != nil { throw CLIFailure.invalid("--vx", "goes with --spx/--vix files, not --synthetic") }
            guard years > 0, years <= 50 else { throw CLIFailure.invalid("--years", "must be > 0 and ≤ 50 (got \(years))") }
            let start = try StrategyCommandSupport.date(start, field: "--start")
            var input = Self.synthetic(seed: seed, years: years, start: start, calendar: try StrategyCommandSupport.readCalendar(calendar))
            if let to { input.days = input.days.filter { $0.date <= to } }
            if let from { input.from = max(from, input.from ?? from) }
            return input
        }
        guard let spx else { throw CLIFailure.invalid("--spx", "is required (or use --synthetic)") }
        guard let vix else { throw CLIFailure.invalid("--vix", "is required (or use --synthetic)") }
        func read(_ path: String, _ flag: String) throws -> [CalendarDay: Double] {
            guard FileManager.default.isReadableFile(atPath: path) else { throw CLIFailure.invalid(flag, "cannot read '\(path)'") }
            return try DailyBarFile.closes(contentsOf: URL(fileURLWithPath: path))
        }
        var days = DailyBarFile.join(spx: try read(spx, "--spx"), vix: try read(vix, "--vix"), vix3m: try vix3m.map { try read($0, "--vix3m") },
                                     vix9d: try vix9d.map { try read($0, "--vix9d") })
        if let to { days = days.filter { $0.date <= to } }
        // Keep 60 sessions before --from to warm the signals up.
        if let from, let first = days.firstIndex(where: { $0.date >= from }) { days = Array(days[max(0, first - 60)...]) }
        guard days.contains(where: { $0.date >= (from ?? days.first!.date) }) else {
            throw CLIFailure.invalid("--from", "no session with both SPX and VIX in the range")
        }
        let first = from ?? days.dropFirst(min(60, days.count - 1)).first!.date
        days = try VXFileOption.attach(vx, to: days, from: first, to: days.last!.date)
        return MarketInput(days: days, from: first, calendar: try StrategyCommandSupport.readCalendar(calendar))
    }

    /// 60 warm-up sessions, then `years` × 252 recorded sessions, with the synthetic calendar unless one is given.
    static func synthetic(seed: UInt64, years: Double, start: CalendarDay, calendar: EventCalendar?) -> MarketInput {
        let sessions = Int((years * 252).rounded())
        // Warm-up: the 60 weekdays before `start`, so the first recorded session is `start` (or the next weekday).
        var warmStart = start
        var count = 0
        while count < 60 { warmStart = warmStart.adding(days: -1); if warmStart.isWeekday { count += 1 } }
        let all = SyntheticMarket(seed: seed).days(start: warmStart, sessions: 60 + max(sessions, 1))
        return MarketInput(days: all, from: all[60].date, calendar: calendar ?? SyntheticMarket.calendar(from: warmStart, to: all.last!.date))
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
