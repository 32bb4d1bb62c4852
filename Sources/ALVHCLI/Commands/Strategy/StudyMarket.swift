import Finance
import Foundation
import Strategy
import Study

/// The daily market a study runs on, from files or the synthetic market, and the span windows may
/// cover: from the session after the first 60 (which only warm the signals up) to the last.
struct StudyMarket {
    var days: [MarketDay]
    var calendar: EventCalendar?
    var span: DateSpan

    /// Longest run of calendar days between two sessions a study bridges (9/11 closed markets 6 days).
    static let maximumGapDays = 7

    static func load(_ command: StudyCommand) throws -> StudyMarket {
        let calendar = try StrategyCommandSupport.readCalendar(command.calendar)
        var days: [MarketDay]
        if command.synthetic {
            if command.spx != nil || command.vix != nil { throw CLIFailure.invalid("--synthetic", "give either --synthetic or --spx/--vix files, not both") }
            if command.vx != nil { throw CLIFailure.invalid("--vx", "goes with --spx/--vix files, not --synthetic") }
            guard command.years > 0, command.years <= 50 else { throw CLIFailure.invalid("--years", "must be > 0 and ≤ 50 (got \(command.years))") }
            let input = BacktestCommand.synthetic(seed: command.seed, years: command.years, start: try StrategyCommandSupport.date(command.start, field: "--start"),
                                                  calendar: calendar)
            return try StudyMarket(days: input.days, calendar: input.calendar)
        }
        guard let spx = command.spx else { throw CLIFailure.invalid("--spx", "is required (or use --synthetic)") }
        guard let vix = command.vix else { throw CLIFailure.invalid("--vix", "is required (or use --synthetic)") }
        func read(_ path: String, _ flag: String) throws -> [CalendarDay: Double] {
            guard FileManager.default.isReadableFile(atPath: path) else { throw CLIFailure.invalid(flag, "cannot read '\(path)'") }
            return try DailyBarFile.closes(contentsOf: URL(fileURLWithPath: path))
        }
        days = DailyBarFile.join(spx: try read(spx, "--spx"), vix: try read(vix, "--vix"), vix3m: try command.vix3m.map { try read($0, "--vix3m") },
                                 vix9d: try command.vix9d.map { try read($0, "--vix9d") })
        return try StudyMarket(days: days, calendar: calendar)
    }

    init(days: [MarketDay], calendar: EventCalendar?) throws {
        guard days.count > CandidateBacktest.warmupSessions + 1 else {
            throw CLIFailure.invalid("--spx", "has \(days.count) sessions with both SPX and VIX; a study needs more than \(CandidateBacktest.warmupSessions + 1)")
        }
        self.days = days
        self.calendar = calendar
        span = DateSpan(from: days[CandidateBacktest.warmupSessions].date, to: days.last!.date)
    }

    /// Refuses a gap of more than `maximumGapDays` between sessions with both SPX and VIX inside the studied span.
    func requireNoGaps(from: CalendarDay, to: CalendarDay) throws {
        let inside = days.filter { $0.date >= from && $0.date <= to }
        for (a, b) in zip(inside, inside.dropFirst()) where b.date.daysSinceEpoch - a.date.daysSinceEpoch > Self.maximumGapDays {
            throw CLIFailure.invalid("--spx/--vix", "no session with both SPX and VIX between \(a.date) and \(b.date) (\(b.date.daysSinceEpoch - a.date.daysSinceEpoch) days): a study bridges at most \(Self.maximumGapDays)")
        }
    }
}
