import Foundation
import Ledger
import Market

/// Walks a portfolio's positions on one path forward through its sessions (each New York date's
/// last mark) and produces the daily series. The series starts at the first session at or after
/// the first position's opening; positions opened after the last mark do not count yet.
struct SeriesBuilder {
    var exposures: [any PositionExposure]
    let accountSize: Decimal?

    /// `exposures` in any order (sorted here by opening time).
    init(exposures: [any PositionExposure], accountSize: Decimal?) {
        self.exposures = exposures.sorted { $0.openedAt < $1.openedAt }
        self.accountSize = accountSize
    }

    /// The marks of each New York date, from marks in market order (a session is valued at its last).
    static func sessionMarks(_ marks: [MarketMark]) -> [[MarketMark]] {
        var sessions: [[MarketMark]] = []
        var lastDate: CalendarDate?
        for mark in marks {
            let date = NewYorkDay.of(mark.at)
            if date == lastDate { sessions[sessions.count - 1].append(mark) } else { sessions.append([mark]) }
            lastDate = date
        }
        return sessions
    }

    /// The position at the session's last mark, having seen the day's earlier marks after its
    /// opening when it needs every mark.
    mutating func reading(_ index: Int, day: [MarketMark]) -> ExposureReading {
        if exposures[index].needsEveryMark {
            for mark in day.dropLast() where mark.at >= exposures[index].openedAt { _ = exposures[index].advance(to: mark) }
        }
        return exposures[index].advance(to: day[day.count - 1])
    }

    /// The sessions and each condor's result.
    mutating func build(marks: [MarketMark]) -> (sessions: [PerformanceSession], condors: [CondorResult]) {
        var sessions: [PerformanceSession] = []
        var active: [(index: Int, capital: Decimal)] = []
        var last: [Int: ExposureReading] = [:]
        var next = 0, closedPnL = Decimal(0), previous = Decimal(0)
        var previousDate: CalendarDate?
        for day in Self.sessionMarks(marks) {
            let mark = day[day.count - 1]
            var capital = active.reduce(Decimal(0)) { $0 + $1.capital }
            while next < exposures.count, exposures[next].openedAt <= mark.at {
                capital += exposures[next].openingCapital
                active.append((next, 0))
                next += 1
            }
            if active.isEmpty && sessions.isEmpty { continue }
            var cumulative = closedPnL
            var still: [(index: Int, capital: Decimal)] = []
            for entry in active {
                let reading = self.reading(entry.index, day: day)
                cumulative += reading.pnl
                last[entry.index] = reading
                if reading.isOpen { still.append((entry.index, reading.capital)) } else { closedPnL += reading.pnl }
            }
            active = still
            let date = NewYorkDay.of(mark.at)
            let pnl = cumulative - previous
            let equity = accountSize.map { $0 + previous }
            sessions.append(PerformanceSession(date: date, at: mark.at, pnl: pnl, cumulativePnL: cumulative, capitalAtRisk: capital,
                                               days: previousDate.map { $0.days(to: date) } ?? 1, equity: equity,
                                               dailyReturn: Self.dailyReturn(pnl: pnl, base: equity ?? capital)))
            previous = cumulative
            previousDate = date
        }
        let condors = exposures.indices.compactMap { index in last[index].flatMap { exposures[index].condorResult(lastReading: $0) } }
        return (sessions, condors)
    }

    /// pnl ÷ base; 0 for a day with no base and no P&L; nil when the base is ≤ 0 but there is P&L.
    static func dailyReturn(pnl: Decimal, base: Decimal) -> Double? {
        if base > 0 { return NSDecimalNumber(decimal: pnl / base).doubleValue }
        return pnl == 0 ? 0 : nil
    }
}
