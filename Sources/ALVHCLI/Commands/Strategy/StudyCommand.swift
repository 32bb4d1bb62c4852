import ArgumentParser
import Finance
import Foundation
import Ledger
import Strategy
import Study

/// `alvh study`: did adapting pay out of sample? Ranks grid candidates of the ALVH and the fixed
/// rule on train windows with full in-memory backtests and judges the winners on the test windows.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Walk-forward study: calibrate ALVH and the fixed rule in sample, judge them out of sample.",
        discussion: """
        Each candidate is a full backtest (the commands and market model of `alvh backtest`) in memory: nothing is written. \
        Windows: --train FROM..TO --test FROM..TO, or --walk-forward --train-years N --test-years M. Grid: --grid NAME=v1,v2,… \
        (repeatable; names: \(StudyParameters.names.joined(separator: ", "))). Progress and timings go to stderr; stdout is the same on every run.
        """)

    @Option(help: "SPX daily CSV.") var spx: String?
    @Option(help: "VIX daily CSV.") var vix: String?
    @Option(help: "VIX3M daily CSV (term structure).") var vix3m: String?
    @Option(help: "VIX9D daily CSV.") var vix9d: String?
    @Option(help: "Macro calendar CSV (date,type).") var calendar: String?
    @Option(help: "VIX futures settlements CSV (date,vx1,…,vx8): VIX options priced off the future of their expiry.") var vx: String?
    @Flag(help: "Use the seeded synthetic market instead of files.") var synthetic = false
    @Option(help: "Synthetic market seed.") var seed: UInt64 = 1
    @Option(help: "Synthetic market length in years (252 sessions each).") var years = 4.0
    @Option(help: "Synthetic market first day (YYYY-MM-DD).") var start = "2020-01-01"
    @Option(help: "Train window FROM..TO (dates YYYY-MM-DD, inclusive).") var train: String?
    @Option(help: "Test window FROM..TO, after the train window.") var test: String?
    @Flag(help: "Rolling windows: --train-years of training, then --test-years of test, moving on by --test-years.") var walkForward = false
    @Option(help: "Walk-forward train window, years.") var trainYears: Int?
    @Option(help: "Walk-forward test window, years.") var testYears: Int?
    @Option(help: "NAME=v1,v2,… values of one parameter (repeatable).") var grid: [String] = []
    @Option(help: "alvh, fixed or both.") var policy = "both"
    @Option(help: "return-on-capital-time, sharpe, calmar or pnl.") var objective = StudyObjective.returnOnCapitalTime.rawValue
    @Option(help: "Best in-sample candidates reported (and run out of sample) per window and policy.") var top = 3
    @Option(help: "Backtests run at once (default: every core).") var workers: Int?
    @Flag(help: "Print CSV instead of the table.") var csv = false
    @Option(help: "Also write an HTML page: the parameter heat map and the out-of-sample equity curves.") var html: String?
    @Option(help: ArgumentHelp("Write each policy's stitched out-of-sample account into the ledger, portfolio NAME-<policy>: each test window's chosen parameters, then its sessions, positions carried on.",
                               valueName: "NAME")) var record: String?
    @OptionGroup var schedule: ScheduleOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let plan = try makePlan()
        let recording = try record.map { _ in try RecordingSession.make(global) }
        let started = Date()
        let result = try StudyExecution.run(plan, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let seconds = Date().timeIntervalSince(started)
        let backtests = result.backtests
        FileHandle.standardError.write(Data(String(format: "study: %d backtests in %.1f s (%.1f backtests/s)\n", backtests, seconds, Double(backtests) / max(seconds, 1e-9)).utf8))
        if global.json {
            print(try StrategyCommandSupport.json(StudyOutput.json(result)))
        } else if csv {
            StudyOutput.printCSV(result)
        } else {
            print(StudyOutput.table(result).joined(separator: "\n"))
        }
        if let html { try StudyHTML.write(result, to: html) }
        if let record, let recording { try Self.write(plan, result, name: record, session: recording) }
    }

    /// `--record`: the runs into the ledger; what was written goes to stderr (stdout stays the study's).
    static func write(_ plan: StudyPlan, _ result: StudyResult, name: String, session: RecordingSession) throws {
        let recording = StudyRecording(plan: plan, result: result, name: name, toolVersion: ToolInfo.version)
        let runs = try session.record { try recording.write(to: $0) }.value
        for run in runs {
            FileHandle.standardError.write(Data("recorded \(run.portfolio): \(run.result.condorsOpened) condors, events written \(run.result.eventsWritten), already in the ledger \(run.result.eventsAlreadyStored)\n".utf8))
        }
    }

    func makePlan() throws -> StudyPlan {
        guard (1...100).contains(top) else { throw CLIFailure.invalid("--top", "must be 1 … 100 (got \(top))") }
        if let record {
            // The accounts go into NAME-<policy>: the name must leave room for the suffix within a portfolio's 200 characters.
            guard !record.isEmpty, record.count <= 190, !record.unicodeScalars.contains("\u{0}") else {
                throw CLIFailure.invalid("--record", "must be 1–190 characters without NUL (got \(Echo.quoted(record)))")
            }
        }
        if let workers, !(1...256).contains(workers) { throw CLIFailure.invalid("--workers", "must be 1 … 256 (got \(workers))") }
        guard let objective = StudyObjective(rawValue: objective) else {
            throw CLIFailure.invalid("--objective", "must be one of \(StudyObjective.allCases.map(\.rawValue).joined(separator: ", ")) (got \(Echo.quoted(objective)))")
        }
        let policies: [BacktestPolicy]
        switch policy.lowercased() {
        case "both": policies = [.alvh, .fixed]
        case let name: guard let one = BacktestPolicy(rawValue: name) else { throw CLIFailure.invalid("--policy", "must be alvh, fixed or both (got \(Echo.quoted(policy)))") }
            policies = [one]
        }
        let grid = try StudyGrid(grid)
        let base = BacktestParameters(portfolio: "study", entryDaysToExpiry: schedule.dte, shortDelta: schedule.delta, wingWidth: schedule.wing,
                                      contracts: schedule.contracts, entryWeekday: schedule.entryWeekday)
        try base.validate()
        let market = try StudyMarket.load(self)
        let windows = try windowPlan(data: market.span)
        try market.requireNoGaps(from: windows.first!.train.from, to: windows.last!.test.to)
        let days = try VXFileOption.attach(vx, to: market.days, from: windows.first!.train.from, to: windows.last!.test.to)
        let candidates = try policies.map { try StudyCandidate.all(policy: $0, grid: grid, base: base) }
        return StudyPlan(backtest: CandidateBacktest(days: days, calendar: market.calendar), windows: windows, candidates: candidates,
                         objective: objective, reported: top)
    }

    func windowPlan(data: DateSpan) throws -> [StudyWindow] {
        if walkForward {
            guard train == nil, test == nil else { throw CLIFailure.invalid("--walk-forward", "give either --walk-forward or --train/--test, not both") }
            guard let trainYears else { throw CLIFailure.invalid("--train-years", "is required with --walk-forward") }
            guard let testYears else { throw CLIFailure.invalid("--test-years", "is required with --walk-forward") }
            return try WindowPlan.walkForward(trainYears: trainYears, testYears: testYears, data: data)
        }
        guard trainYears == nil, testYears == nil else { throw CLIFailure.invalid("--train-years", "goes with --walk-forward") }
        guard let train else { throw CLIFailure.invalid("--train", "is required (FROM..TO), or use --walk-forward") }
        guard let test else { throw CLIFailure.invalid("--test", "is required (FROM..TO), or use --walk-forward") }
        return try WindowPlan.fixed(train: try DateSpan(parsing: train, field: "--train"), test: try DateSpan(parsing: test, field: "--test"), data: data)
    }
}
