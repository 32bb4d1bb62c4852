import Finance
import Foundation
import Ledger
import Market

/// What the advisor asked for the session's layers: actions on layers held, and the condors that
/// want a proactive layer.
struct LayerRequests {
    var actions: [UUID: LayerAction] = [:]
    var proactive: [(condor: UUID, plan: HedgeLayerPlan)] = []
}

/// The ALVH policy: the advisor's report for each condor at the session's mark, and its trades.
extension BacktestSession {
    /// The condor after the session, nil once closed.
    mutating func manageALVH(_ condor: BacktestCondor, _ today: SessionDay, requests: inout LayerRequests) throws -> BacktestCondor? {
        guard let snapshot = CondorSnapshot(legs: condor.position.priced, underlying: .spxw, contracts: condor.contracts, credit: condor.cumulativeCredit,
                                            at: today.mark, rolls: condor.rolls,
                                            sessionsSinceDeferral: condor.lastDeferral.map { today.index - $0 }) else { return condor }
        let report = advisor.advise(condor: snapshot, layers: heldLayers(protecting: condor.id, today), signals: today.signals, at: today.mark)
        for action in report.layerActions {
            if let id = UUID(uuidString: action.id), requests.actions[id] == nil { requests.actions[id] = action }
        }
        let why = report.reasons.joined(separator: "; ")
        let trigger = RollTrigger(fixedRule: Backtest.clip(report.fixed.text), alvh: Backtest.clip(why))
        let value = snapshot.value?.perUnit ?? 0
        switch report.action {
        case .hold:
            if let plan = report.proactiveLayer { requests.proactive.append((condor.id, plan)) }
            return condor
        case .close(let reasonText):
            let reason = CloseReason(rawValue: reasonText) ?? .alvh
            try closeALVH(condor, value: value, reason: reason, note: why, today)
            return nil
        case .roll:
            if let rolled = try rollALVH(condor, value: value, trigger: trigger, reason: why, today) { return rolled }
            try closeALVH(condor, value: value, reason: .alvh, note: "no roll available: " + why, today)
            return nil
        case .deferRoll(let plan):
            return try deferALVH(condor, plan: plan, trigger: trigger, reason: why, today)
        }
    }

    /// The layers protecting `condor`, as the advisor sees them.
    func heldLayers(protecting condor: UUID, _ today: SessionDay) -> [HedgeLayerSnapshot] {
        layers.filter { $0.protects.contains(condor) }.map { layer in
            HedgeLayerSnapshot(id: layer.id.lowercasedString, quantity: layer.quantity, strike: layer.strike, expiry: layer.expiry,
                               daysToExpiry: MarketCalendar.daysToExpiry(layer.expiry, from: today.date), vixAtAdd: layer.vixAtAdd,
                               termRatioAtAdd: layer.ratioAtAdd, sessionsHeld: today.index - layer.addedSession)
        }
    }

    /// Closes at the model's buying debit for `value`, paying the condor's own fees.
    mutating func closeALVH(_ condor: BacktestCondor, value: Decimal, reason: CloseReason, note: String, _ today: SessionDay) throws {
        try close(condor, debit: model.buyingDebit(mid: value), fees: condor.position.feesPerFourLegs, reason: reason, note: note, today)
        result.condorsClosed[reason.rawValue, default: 0] += 1
    }

    /// Rolls both sides out to a fresh condor (`CondorEntry`); nil when none is available.
    mutating func rollALVH(_ condor: BacktestCondor, value: Decimal, trigger: RollTrigger, reason: String, _ today: SessionDay) throws -> BacktestCondor? {
        guard let fresh = try? CondorEntry.fresh(at: today.mark, parameters: p), fresh.legs != condor.strikes else { return nil }
        let debit = model.buyingDebit(mid: value)
        try roll(condor, to: fresh.legs, debit: debit, credit: fresh.credit, fees: 2 * condor.position.feesPerFourLegs, trigger: trigger,
                 reason: reason, today)
        var rolled = condor
        rolled.position.strikes = fresh.legs
        rolled.position.credit = fresh.credit
        rolled.cumulativeCredit += fresh.credit - debit
        rolled.rolls += 1
        result.rolls += 1
        return rolled
    }

    /// Records the deferral, and buys the layer that goes with it.
    mutating func deferALVH(_ condor: BacktestCondor, plan: HedgeLayerPlan?, trigger: RollTrigger, reason: String, _ today: SessionDay) throws -> BacktestCondor {
        let subject = condor.id.lowercasedString
        try ledger.record(.deferRoll(DeferRoll(condorID: condor.id, reason: Backtest.clip(reason), at: today.at, trigger: trigger,
                                               signals: today.decisionSignals)), context: context(today.date, today.at, "defer", subject))
        result.deferrals += 1
        var deferred = condor
        deferred.lastDeferral = today.index
        if let plan {
            layers.append(try addLayer(plan, protects: [condor.id], reason: reason, action: "hedge", subject: subject, today))
            result.layersAdded += 1
        }
        return deferred
    }

    /// One proactive layer for every condor that asked for one.
    mutating func addProactiveLayer(_ today: SessionDay, requests: LayerRequests) throws {
        guard let first = requests.proactive.first else { return }
        var plan = first.plan
        plan.quantity = min(requests.proactive.reduce(0) { $0 + $1.plan.quantity }, p.advisor.maximumLayerContracts)
        let s = today.signals
        let why = "\(s.macroEventKind ?? "macro event") in \(s.sessionsToMacroEvent ?? 0) session(s): proactive layer for \(requests.proactive.count) condor(s)"
        layers.append(try addLayer(plan, protects: requests.proactive.map(\.condor), reason: why, action: "proactive", subject: "", today))
        result.layersAdded += 1
    }

    /// The advisor's reductions, expiring options, layers whose condors are all gone, each sold at
    /// the model's price for VIX options.
    mutating func manageLayers(_ today: SessionDay, requests: LayerRequests) throws {
        let open = Set(condors.map(\.id))
        var kept: [BacktestLayer] = []
        for var layer in layers {
            let daysLeft = MarketCalendar.daysToExpiry(layer.expiry, from: today.date)
            let bid = model.vixSellingPrice(mid: p.advisor.hedge.value(strike: layer.strike, expiry: layer.expiry, at: today.mark))
            let subject = layer.id.lowercasedString
            var closeReason: String?
            if daysLeft <= 0 { closeReason = "option expires" }
            else if !layer.protects.contains(where: open.contains) { closeReason = "every condor it protected is closed" }
            else if case .close(_, let why)? = requests.actions[layer.id] { closeReason = why }
            if let closeReason {
                try ledger.record(.closeHedgeLayer(CloseHedgeLayer(layerID: layer.id, price: bid, fees: model.vixFees(contracts: layer.quantity), at: today.at,
                                                                   reason: closeReason, signals: today.decisionSignals)),
                                  context: context(today.date, today.at, "layer-close", subject))
                result.layersClosed += 1
                continue
            }
            if case .reduce(_, let quantity, let why)? = requests.actions[layer.id], quantity < layer.quantity {
                try ledger.record(.reduceHedgeLayer(ReduceHedgeLayer(layerID: layer.id, quantity: quantity, price: bid, fees: model.vixFees(contracts: quantity),
                                                                     at: today.at, reason: why, signals: today.decisionSignals)),
                                  context: context(today.date, today.at, "layer-reduce", subject))
                layer.quantity -= quantity
                // A reduced layer is judged again from today's level.
                layer.vixAtAdd = today.day.vix
                layer.ratioAtAdd = today.signals.termRatio
                layer.addedSession = today.index
                result.layersReduced += 1
            }
            kept.append(layer)
        }
        layers = kept
    }
}
