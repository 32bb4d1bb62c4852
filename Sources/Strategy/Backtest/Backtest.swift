import EventStore
import Finance
import Foundation
import Ledger
import Market

/// A daily backtest that writes a real ledger. It records its market model first on its feed, then
/// for each session (closes, 16:00 New York): a `MarketObserved`; the settlement of condors whose
/// expiry has come; the policy's management of every open condor and hedge layer; on the entry
/// weekday a new condor. Every trade goes through the ledger's commands (`LedgerCommand` → decider
/// → append), priced by the recorded model at the recorded mark, with command ids derived from the
/// portfolio, the session and the action, so the same backtest re-run into the same portfolio
/// records nothing new, and a longer run extends a shorter one.
public struct Backtest {
    public var parameters: BacktestParameters
    public var actor = "alvh-backtest"
    public var toolVersion: String

    public init(parameters: BacktestParameters, toolVersion: String = "0.1.0") {
        self.parameters = parameters
        self.toolVersion = toolVersion
    }

    /// Runs over `days` (ascending; the sessions before `from` only warm the signals up) and writes
    /// through `ledger`, handing what they decided to its writer every `sessionsPerBatch` sessions (written
    /// while the next are decided) and waiting for all of it to be written at the end. `progress(done, total)` is
    /// called once per session.
    public func run(days: [MarketDay], from: CalendarDay? = nil, calendar: EventCalendar?, ledger: BacktestLedger,
                    progress: ((Int, Int) -> Void)? = nil) throws -> BacktestResult {
        try parameters.validate()
        let days = Self.sessions(days)
        let firstRecorded = from.map { f in days.firstIndex { $0.date >= f } ?? days.count } ?? 0
        var session = try BacktestSession(backtest: self, days: days, calendar: calendar, ledger: ledger)
        return try record(&session, from: firstRecorded, ledger: ledger, progress: progress)
    }

    /// The session loop of every run: runs `session` from session `firstRecorded` to the last, first
    /// following the rules `rules(index)` returns for a session (nil: no change), hands what was decided
    /// to the ledger's writer every `sessionsPerBatch` sessions and waits for all of it at the end.
    func record(_ session: inout BacktestSession, from firstRecorded: Int, ledger: BacktestLedger,
                rules: (Int) throws -> AdvisorParameters? = { _ in nil }, progress: ((Int, Int) -> Void)? = nil) throws -> BacktestResult {
        let total = session.days.count - firstRecorded
        var sinceFlush = 0
        for index in firstRecorded..<session.days.count {
            if let advisor = try rules(index) { session.follow(advisor) }
            try session.run(index)
            sinceFlush += 1
            if sinceFlush >= parameters.sessionsPerBatch {
                try ledger.flushInBackground()
                sinceFlush = 0
            }
            progress?(index - firstRecorded + 1, total)
        }
        try ledger.flush()
        return session.finish()
    }

    // MARK: helpers

    /// The backtest's sessions: the days of `days` the exchange traded (`MarketCalendar.isSession`;
    /// the real files have no others, a synthetic market's exchange holidays drop out).
    public static func sessions(_ days: [MarketDay]) -> [MarketDay] {
        days.filter { MarketCalendar.isSession($0.date) }
    }

    /// The close of the session on `date` (`MarketCalendar.closeInstant`: 16:00 New York, 13:00 on
    /// an early close).
    public static func closeInstant(_ date: CalendarDay) -> Date {
        MarketCalendar.closeInstant(CalendarDate(date))
    }

    static func clip(_ text: String) -> String { text.count <= 2000 ? text : String(text.prefix(1997)) + "…" }

    /// The signals as recorded on decision events (4 decimals; RSI 2).
    public static func decisionSignals(_ s: MarketSignals) -> DecisionSignals {
        func d(_ x: Double?, _ scale: Int) -> Decimal? { x.flatMap { try? Money.rounded($0, scale: scale) } }
        return DecisionSignals(spx: d(s.spx, 2), vix: d(s.vix, 2), vix9d: d(s.vix9d, 2), vix3m: d(s.vix3m, 2),
                               vixMACDHistogram: d(s.macdHistogram, 4), rsi: d(s.rsi.map { min(max($0, 0), 100) }, 2),
                               daysToMacroEvent: s.daysToMacroEvent.map { min($0, 3660) })
    }
}
