import Foundation
import Ledger
import Report

/// Hand-built report data for the pure rendering tests.
enum Fixtures {
    static let day = CalendarDate(year: 2026, month: 1, day: 2)!
    static let later = CalendarDate(year: 2026, month: 1, day: 31)!
    static let condor = UUID(uuidString: "6A0C1F1E-2B3C-4D5E-8F90-1234567890AB")!
    static let layer = UUID(uuidString: "7B0C1F1E-2B3C-4D5E-8F90-1234567890AB")!
    static let hostile = "<script>alert('x')</script> & \"quoted\""

    static func empty() -> ReportData {
        ReportData(generatedAt: Date(timeIntervalSince1970: 1_767_225_600), checkpoint: 0, scope: .all, fixedRule: "take-profit 0.5, stop 2",
                   figures: .empty, pnlPath: PnLPath(trades: [], decisions: []), decisions: [], layers: [], months: [],
                   volatilityFeed: nil, volatility: [], openPositions: [])
    }

    /// One condor (the worked example: credit 10, closed at 5, P&L +500) with one deferral, one layer
    /// and two marks; `text` goes into every free-text field.
    static func singleTrade(text: String = "defer: noise") -> ReportData {
        let decision = DecisionEntry(condorID: condor, date: CalendarDate(year: 2026, month: 1, day: 12)!, kind: "defer", alvhChoice: text,
                                     fixedChoice: "hold (value 12 vs credit 10)", fixedExit: "take-profit 2026-01-30", alvhPnL: 320, fixedPnL: 450)
        let trade = DecisionEntry(condorID: condor, date: nil, kind: "trade", alvhChoice: "closed", fixedChoice: "open at credit 10",
                                  fixedExit: "take-profit 2026-01-30", alvhPnL: 500, fixedPnL: 480, note: text)
        let figures = ReviewFigures(condorsOpen: 0, condorsClosed: 1, layersOpen: 0, layersClosed: 1, realizedPnL: 500, unrealizedPnL: 0,
                                    condorFees: 0, winRate: 1, decisions: 1, tradeEdge: 20,
                                    yearlyXIRR: [YearlyXIRR(portfolio: text, year: "2026", realizedPnL: 500, realized: 4.1, totalPnL: 500, total: 4.1)])
        let open = OpenPosition(condorID: condor, portfolio: text, underlying: "SPX", strikes: "4900/4950/5300/5350", expiry: later, contracts: 1,
                                cumulativeCredit: 10, markValue: 7, unrealizedPnL: 300,
                                greeks: .init(delta: -1.5, gamma: -0.02, theta: 12.5, vega: -60, volga: -0.9), lowerBreakEven: 4940,
                                upperBreakEven: 5310, volatilityBreakEven: "24.1%")
        return ReportData(generatedAt: Date(timeIntervalSince1970: 1_767_225_600), checkpoint: 7, scope: ReportScope(portfolio: text),
                          fixedRule: "take-profit 0.5, stop 2", figures: figures,
                          pnlPath: PnLPath(trades: [TradeOutcome(condorID: condor, date: later, alvhPnL: 500, fixedPnL: 480)],
                                           decisions: [DecisionMark(date: decision.date!, kind: "defer")]),
                          decisions: [decision, trade],
                          layers: [HedgeLayerOutcome(layerID: layer, instrument: text, openedOn: day, status: "closed", cost: 176, paid: 96, valued: true)],
                          months: [MonthlyIRR(month: "2026-01", rate: 4.1, noRate: nil, pnl: 500, invested: 4000)],
                          volatilityFeed: text,
                          volatility: [VolatilityPoint(date: day, vix: 15, vix3m: 17), VolatilityPoint(date: later, vix: 24, vix3m: 21)],
                          openPositions: [open])
    }
}
