import Foundation
import Ledger
import Market

/// A recorded condor managed instead by the fixed rule from its opening — the whole-trade
/// counterfactual of `alvh decisions`, one session at a time. The same opening (credit, fees,
/// contracts); then at each session's mark `FixedRuleEngine.step` (the one engine the fixed backtest
/// policy and `FixedRulePath` use) holds, closes or rolls it at every mark after its opening (not only
/// the sessions' last marks) with that mark's model's fills and fees.
/// At its settlement instant it settles (no fill, no fees) at the ledger's recorded settlement level
/// for that expiry, else at the index of the latest mark at or before that instant. Capital
/// at risk: max(0, widest wing − cumulative credit) × multiplier × contracts, as for a recorded condor.
struct FixedRuleExposure: PositionExposure {
    let condorID: UUID
    let engine: FixedRuleEngine
    let settlements: [CalendarDate: Decimal]
    let openedAt: Date
    let openingCapital: Decimal
    var needsEveryMark: Bool { true }
    private var position: FixedRulePosition
    private var levels: FixedRuleEngine.Levels
    /// Dollars received less paid so far: the opening credit less its fees, then exits and rolls.
    private var cash: Decimal
    /// Opening credit plus every roll's credit less its debit, per unit.
    private var cumulativeCredit: Decimal
    /// Capital at risk and the settlement instant of the current legs (both change only at a roll).
    private var capital: Decimal
    private var settlement: Date
    private var previous: MarketMark?
    private var ended: (on: CalendarDate, pnl: Decimal)?

    /// Nil when the stream holds no (unvoided) iron-condor opening.
    init?(stream: [LedgerStreamEvent], engine: FixedRuleEngine, settlements: [CalendarDate: Decimal]) {
        guard let opening = EffectiveStream(stream).effective.first, case .condorOpened(let opened) = opening.event,
              let position = try? FixedRulePosition(opened: opened, at: opening.occurredAt) else { return nil }
        condorID = opened.condorID
        self.engine = engine
        self.settlements = settlements
        openedAt = opening.occurredAt
        self.position = position
        levels = engine.levels(credit: opened.credit)
        cash = opened.credit * position.dollarsPerPoint - opened.fees
        cumulativeCredit = opened.credit
        openingCapital = max(0, position.strikes.widestWing - opened.credit) * position.dollarsPerPoint
        capital = openingCapital
        settlement = MarketCalendar.settlementInstant(position.strikes.expiry, style: position.underlying.settlement)
    }

    mutating func advance(to mark: MarketMark) -> ExposureReading {
        if let ended { return ExposureReading(pnl: ended.pnl, capital: 0, isOpen: false) }
        let m = position.dollarsPerPoint
        if mark.at >= settlement {
            let print = mark.at == settlement ? mark : previous ?? mark
            cash -= engine.settlementValue(position, level: settlements[position.strikes.expiry] ?? print.index(for: position.underlying)) * m
            return end(on: CalendarDate(newYorkDateOf: settlement))
        }
        previous = mark
        switch engine.step(position, levels: levels, at: mark) {
        case .hold(let value):
            return ExposureReading(pnl: cash - value.perUnit * m, capital: capital, isOpen: true)
        case let .close(_, _, debit, fees):
            cash -= debit * m + fees
            return end(on: mark.date)
        case let .roll(_, debit, legs, credit, newValue, fees):
            cash += (credit - debit) * m - fees
            cumulativeCredit += credit - debit
            position = engine.rolled(position, to: legs, credit: credit)
            levels = engine.levels(credit: credit)
            capital = max(0, position.strikes.widestWing - cumulativeCredit) * position.dollarsPerPoint
            settlement = MarketCalendar.settlementInstant(position.strikes.expiry, style: position.underlying.settlement)
            return ExposureReading(pnl: cash - newValue.perUnit * m, capital: capital, isOpen: true)
        }
    }

    private mutating func end(on date: CalendarDate) -> ExposureReading {
        ended = (date, cash)
        return ExposureReading(pnl: cash, capital: 0, isOpen: false)
    }

    func condorResult(lastReading: ExposureReading) -> CondorResult? {
        CondorResult(condorID: condorID, endedOn: ended?.on, pnl: lastReading.pnl)
    }
}
