import ArgumentParser
import EventStore
import Finance
import Foundation
import Ledger
import Report
import Strategy

/// `alvh demo`: records a fresh demo portfolio from the synthetic market and prints what it recorded.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record a fresh demo portfolio from the synthetic market (2 years, ALVH policy) and review it.",
        discussion: "Uses the configured database (or the embedded one). Each run records a new portfolio demo, demo-2, … so earlier demos stay as they were.")

    @Option(help: "Synthetic market seed.") var seed: UInt64 = 1
    @Option(help: "Years of synthetic market.") var years = 2.0
    @Option(help: "Portfolio name (default: the first free of demo, demo-2, …).") var portfolio: String?
    @OptionGroup var schedule: ScheduleOptions
    @Option(help: ArgumentHelp("Where to write the HTML report.", valueName: "FILE")) var html = "alvh-demo-report.html"
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard years > 0, years <= 10 else { throw CLIFailure.invalid("--years", "must be > 0 and ≤ 10 for a demo (got \(years))") }
        var name = try portfolio.map(BacktestCommand.portfolioName)
        let input = BacktestCommand.synthetic(seed: seed, years: years, start: CalendarDay(year: 2024, month: 1, day: 1)!, calendar: nil)
        // The portfolio is chosen once: a retry after a lost server resumes the same demo.
        let recorded = try RecordingSession.make(global).record(catchUp: false) { store in
            let chosen = try name ?? Self.freshName(store)
            name = chosen
            let parameters = BacktestParameters(portfolio: chosen, policy: .alvh, entryDaysToExpiry: schedule.dte, shortDelta: schedule.delta,
                                                wingWidth: schedule.wing, contracts: schedule.contracts, entryWeekday: schedule.entryWeekday)
            try parameters.validate()
            let bar = ProgressBar(label: "demo \(chosen)", unit: "sessions")
            defer { bar.finish() }
            return try Backtest(parameters: parameters, toolVersion: ToolInfo.version)
                .run(days: input.days, from: input.from, calendar: input.calendar, ledger: BacktestLedger(store: store), progress: { bar.update($0, $1) })
        }
        try Self.printReview(result: recorded.value, store: recorded.store, global: global, html: html)
    }

    /// demo, demo-2, demo-3, …: the first name with no portfolio yet.
    static func freshName(_ store: EventStore) throws -> String {
        var n = 1
        while true {
            let name = n == 1 ? "demo" : "demo-\(n)"
            if try store.streamVersion(StreamName.portfolio(name)) == 0 { return name }
            n += 1
        }
    }

    /// Prints the review of the demo: what the backtest recorded, then the projections' summary, the
    /// open positions, realized IRR per portfolio and the ALVH-vs-fixed decision table of
    /// its last three condors, and the HTML report when `html` names a file — the same
    /// commands a trader runs, on the same database.
    static func printReview(result: BacktestResult, store: EventStore, global: GlobalOptions, html: String? = nil) throws {
        if let html {
            try ReportCommand.write(try ReportLoader.load(store: store, scope: ReportScope(portfolio: result.portfolio),
                                                                preferredFeed: MarketFeed.backtest(portfolio: result.portfolio)), to: html)
        }
        if global.json {
            print(String(decoding: try JSONEncoder.sorted.encode(result), as: UTF8.self))
            return
        }
        print(result.summaryLines.joined(separator: "\n"))
        let database = global.database.map { ["--database", $0] } ?? []
        let sections: [(title: String, arguments: [String])] = [
            ("Summary (alvh summary)", ["summary"]),
            ("Open positions (alvh positions)", ["positions"]),
            ("Realized IRR per portfolio and year (alvh irr --by year)", ["irr", "--by", "year"]),
        ] + result.condorIDs.suffix(3).map { id in
            ("ALVH vs the fixed rule for condor \(id.prefix(8)) (alvh decisions --condor \(id))", ["decisions", "--condor", id])
        }
        for section in sections {
            print("\n== \(section.title) ==")
            var command = try ALVH.parseAsRoot(section.arguments + database)
            try command.run()
        }
        print("")
        if let html { print("HTML report of portfolio \(result.portfolio): \(html)") }
        print("every decision of every condor: alvh decisions; advise an open condor: alvh advise \(result.condorIDs.last ?? "ID")")
    }
}
