import Finance
import Foundation
import Ledger

/// Measures a backtest's in-memory events as `StudyFigures`. **Interim adapter**: until the
/// performance statistics of issue 17 (`PerformanceSeries.recorded(events:portfolio:)` and
/// `PerformanceStatistics.compute`, branch `stats`) are on main, this file computes P&L and capital
/// at risk itself, and it is the one file to swap. Its accounting:
///
/// - a condor's P&L (its cash, fees in) is booked on the session it closes or expires; a layer's
///   realized P&L on each session it is reduced or closed;
/// - what is still open after the last session is booked that session at intrinsic value (condor:
///   the spreads' value at the last SPX; VIX call: its value at the last VIX) — time value ignored;
/// - capital at risk of a session: every condor open at its start or opened that day, at
///   (widest wing − cumulative credit) × 100 × contracts, plus every layer's cost basis.
public enum StudyMeasurement {
    struct Span {
        var open: CalendarDay
        var close: CalendarDay?
        var capital: Double
    }

    public static func figures(events: [LedgerStreamEvent]) -> StudyFigures {
        var marks: [(day: CalendarDay, spx: Decimal, vix: Decimal)] = []
        var streams: [String: [LedgerStreamEvent]] = [:]
        var order: [String] = []
        for item in events {
            if case .marketObserved(let mark) = item.event {
                marks.append((day(item.occurredAt), mark.spx, mark.vix))
            } else if item.streamID.hasPrefix("condor-") || item.streamID.hasPrefix("hedge-") {
                if streams[item.streamID] == nil { order.append(item.streamID) }
                streams[item.streamID, default: []].append(item)
            }
        }
        guard let last = marks.last else { return StudyFigures() }
        var booked: [CalendarDay: Decimal] = [:]
        var spans: [Span] = []
        var condors = 0
        for id in order {
            let stream = EffectiveStream(streams[id]!)
            if id.hasPrefix("condor-") {
                condors += 1
                condor(stream, last: last, booked: &booked, spans: &spans)
            } else {
                layer(stream, last: last, booked: &booked, spans: &spans)
            }
        }
        return series(marks.map(\.day), booked: booked, spans: spans, condors: condors)
    }

    static func condor(_ stream: EffectiveStream, last: (day: CalendarDay, spx: Decimal, vix: Decimal), booked: inout [CalendarDay: Decimal], spans: inout [Span]) {
        var capital = 0.0
        guard let state = CondorState.fold(stream, observe: { step in
            let s = step.after
            capital = max(capital, double(max(0, (s.strikes.widestWing - s.cumulativeCredit) * 100 * Decimal(s.contracts))))
        }) else { return }
        let closed = state.status == .open ? nil : day(state.lastEventAt)
        var cash = state.realizedCash
        if closed == nil { cash -= state.strikes.settlementValue(at: last.spx) * 100 * Decimal(state.contracts) }
        booked[closed ?? last.day, default: 0] += cash
        spans.append(Span(open: day(state.openedAt), close: closed, capital: capital))
    }

    static func layer(_ stream: EffectiveStream, last: (day: CalendarDay, spx: Decimal, vix: Decimal), booked: inout [CalendarDay: Decimal], spans: inout [Span]) {
        var capital = 0.0
        guard let state = HedgeLayerState.fold(stream, observe: { step in
            capital = max(capital, double(step.after.costBasis))
            let realized = step.after.realizedPnL - (step.before?.realizedPnL ?? 0)
            if realized != 0 { booked[day(step.item.occurredAt), default: 0] += realized }
        }) else { return }
        var closed: CalendarDay? = day(state.lastEventAt)
        if state.status == .open {
            closed = nil
            // Each VIX call leg at its intrinsic value on spot VIX (other legs at 0), netted by the legs' ratios.
            let values: [Decimal] = state.legs.legs.map { leg in
                if case let .vixOption(_, right, strike) = leg.instrument, right == .call { return max(0, last.vix - strike) }
                return 0
            }
            booked[last.day, default: 0] += state.legs.netPrice(values) * state.multiplier * Decimal(state.quantity) - state.costBasis
        }
        spans.append(Span(open: day(state.openedAt), close: closed, capital: capital))
    }

    static func series(_ days: [CalendarDay], booked: [CalendarDay: Decimal], spans: [Span], condors: Int) -> StudyFigures {
        var figures = StudyFigures()
        figures.condors = condors
        // Capital per session by a sweep over the spans' open and close days.
        var delta: [Int: Double] = [:]
        for span in spans {
            delta[span.open.daysSinceEpoch, default: 0] += span.capital
            if let close = span.close { delta[close.daysSinceEpoch + 1, default: 0] -= span.capital }
        }
        let changes = delta.keys.sorted()
        var next = 0, capital = 0.0, previous: CalendarDay?
        var total: Decimal = 0
        for day in days {
            while next < changes.count, changes[next] <= day.daysSinceEpoch { capital += delta[changes[next]]!; next += 1 }
            let pnl = booked[day] ?? 0
            let elapsed = previous.map { day.daysSinceEpoch - $0.daysSinceEpoch } ?? 1
            figures.dates.append(day.description)
            figures.dailyPnL.append(double(pnl))
            figures.dailyReturns.append(capital > 0.005 ? double(pnl) / capital : 0)
            figures.capitalDays += max(capital, 0) * Double(elapsed)
            total += pnl
            previous = day
        }
        figures.pnl = total
        return figures
    }

    static func day(_ instant: Date) -> CalendarDay {
        let date = CalendarDate(newYorkDateOf: instant)
        return CalendarDay(year: date.year, month: date.month, day: date.day)!
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
