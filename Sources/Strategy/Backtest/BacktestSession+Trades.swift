import Finance
import Foundation
import Ledger
import Market

/// The backtest's trades, as ledger commands priced by the session's mark and model.
extension BacktestSession {
    /// Sells a fresh condor: its credit from `CondorEntry`, fees from the model's schedule.
    func open(_ today: SessionDay) throws -> BacktestCondor {
        let (legs, credit) = try CondorEntry.fresh(at: today.mark, parameters: p)
        let fees = model.condorFees(legs: 4, contracts: p.contracts)
        let decision = try ledger.record(.openCondor(OpenCondor(
            portfolio: p.portfolio, underlying: .spxw, strikes: legs, contracts: p.contracts, credit: credit, fees: fees, at: today.at,
            signals: today.decisionSignals,
            note: "backtest entry: \(Int(p.shortDelta * 100))-delta shorts, \(DecimalParser.format(Decimal(p.wingWidth)))-wide wings")),
            context: context(today.date, today.at, "open"))
        let position = FixedRulePosition(strikes: legs, underlying: .spxw, contracts: p.contracts, credit: credit, feesPerFourLegs: fees,
                                         tenorDays: MarketCalendar.daysToExpiry(legs.expiry, from: today.date))
        return BacktestCondor(id: decision.condorID!, position: position, cumulativeCredit: credit)
    }

    /// Buys the condor back for `debit` per unit, paying `fees`.
    func close(_ condor: BacktestCondor, debit: Decimal, fees: Decimal, reason: CloseReason, note: String, _ today: SessionDay) throws {
        try ledger.record(.closeCondor(CloseCondor(condorID: condor.id, price: debit, fees: fees, at: today.at, reason: reason,
                                                   note: Backtest.clip(note), signals: today.decisionSignals)),
                          context: context(today.date, today.at, "close", condor.id.lowercasedString))
    }

    /// Rolls both sides to `legs`: buys the condor back for `debit`, sells `legs` for `credit`.
    func roll(_ condor: BacktestCondor, to legs: IronCondorLegs, debit: Decimal, credit: Decimal, fees: Decimal, trigger: RollTrigger,
              reason: String, _ today: SessionDay) throws {
        try ledger.record(.rollCondor(RollCondor(
            condorID: condor.id, side: .both, expiry: legs.expiry, longPut: legs.longPut, shortPut: legs.shortPut, shortCall: legs.shortCall,
            longCall: legs.longCall, closePrice: debit, openPrice: credit, fees: fees, at: today.at, reason: Backtest.clip(reason), trigger: trigger,
            signals: today.decisionSignals)), context: context(today.date, today.at, "roll", condor.id.lowercasedString))
    }

    /// Buys the layer `plan` describes at the model's price for VIX options.
    func addLayer(_ plan: HedgeLayerPlan, protects: [UUID], reason: String, action: String, subject: String, _ today: SessionDay) throws -> BacktestLayer {
        let decision = try ledger.record(.addHedgeLayer(AddHedgeLayer(
            protects: protects, instrument: .vixOption(expiry: plan.expiry, right: .call, strike: Decimal(plan.strike)),
            quantity: plan.quantity, price: model.vixBuyingPrice(mid: plan.price), fees: model.vixFees(contracts: plan.quantity),
            tier: plan.tier, at: today.at, reason: Backtest.clip(reason), signals: today.decisionSignals)),
            context: context(today.date, today.at, action, subject))
        let day = today.day
        return BacktestLayer(id: decision.layerID!, strike: plan.strike, expiry: plan.expiry, quantity: plan.quantity, vixAtAdd: day.vix,
                             ratioAtAdd: day.vix3m.flatMap { TermStructure(near: day.vix, far: $0)?.ratio }, addedSession: today.index, protects: protects)
    }
}
