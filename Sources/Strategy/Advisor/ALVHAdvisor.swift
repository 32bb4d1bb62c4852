import Finance
import Foundation
import Ledger
import Market

/// The default ALVH advisor: the product's reading of the published, qualitative methodology
/// (docs/design.md, "The methodology"; docs/advisor.md). Pure: same inputs, same report.
///
/// The rule, in order:
/// 1. The fixed rule's verdict is computed for comparison (and flags the stop).
/// 2. Exits that do not depend on the regime: take-profit at the fixed rule's level; a risk limit at
///    (1 + `hardStopMultiple`) × credit; time exit at `closeAtDaysToExpiry`.
/// 3. *Threatened* (the product's definition): the fixed rule says stop, or a short strike's
///    absolute delta is at least `threatenedDelta`.
/// 4. A threatened condor in a *regime change* (VIX/VIX3M ≥ `inversionRatio`, or the VIX MACD
///    histogram turned positive within `macdTurnLookback` sessions with RSI > `rsiConfirmation`) is
///    rolled, or closed when it has been rolled `maximumRolls` times or has fewer than
///    `minimumDaysToRoll` days left.
/// 5. A threatened condor in *noise* defers the roll when the hedge's projected payoff in a
///    +`shockVIXPoints` shock exceeds the cost of rolling (the market model's slippage and fees on
///    `legsPerRoll` legs): with the layers held
///    when they already do, else with a new layer sized to cover `hedgeCoverage` of the condor's
///    shock loss. When even the new layer pays less than the roll costs, it rolls. A deferral stands
///    for `deferralCooldownSessions` sessions (hold, nothing new recorded).
/// 6. A condor that is not threatened and holds no layer gets a small proactive layer when an
///    FOMC/CPI/PPI release is `macroEventSessions` sessions away or closer.
/// 7. Layers: closed when their option is about to expire; reduced (by `reduceFraction`) once held
///    `layerMinimumHoldSessions` sessions when VIX is back below the level at which they were added,
///    or the term structure is back in contango after being inverted when they were added.
public struct ALVHAdvisor: Sendable {
    public var parameters: AdvisorParameters

    public init(parameters: AdvisorParameters = AdvisorParameters()) {
        self.parameters = parameters
    }

    /// The regime the signals describe, with the reasons.
    public func regime(_ signals: MarketSignals) -> (VolatilityRegime, [String]) {
        let p = parameters
        if let ratio = signals.termRatio, ratio >= p.inversionRatio {
            return (.regimeChange, ["term structure inverted: VIX/VIX3M \(FixedDigits.format(ratio, digits: 3)) ≥ \(FixedDigits.format(p.inversionRatio, digits: 2))"])
        }
        let histogram = signals.vixMACDHistogram
        let turned: Bool = {
            guard let last = histogram.last, last > 0, histogram.count >= 2 else { return false }
            let window = histogram.suffix(p.macdTurnLookback + 1).dropLast()
            return window.contains { $0 <= 0 }
        }()
        if turned, let rsi = signals.rsi, rsi > p.rsiConfirmation {
            return (.regimeChange, ["VIX MACD histogram turned positive (\(FixedDigits.format(histogram.last!, digits: 3))) with RSI \(FixedDigits.format(rsi, digits: 1)) > \(FixedDigits.format(p.rsiConfirmation, digits: 0))"])
        }
        var why = "no confirmation"
        if let ratio = signals.termRatio { why += ": VIX/VIX3M \(FixedDigits.format(ratio, digits: 3)) < \(FixedDigits.format(p.inversionRatio, digits: 2))" }
        if let h = histogram.last { why += ", MACD histogram \(FixedDigits.format(h, digits: 3))\(turned ? " turned positive" : "")" }
        if let rsi = signals.rsi { why += ", RSI \(FixedDigits.format(rsi, digits: 1))" }
        return (.noise, [why])
    }

    /// Dollars to roll the whole condor at `mark`: the model's slippage and fees on `legsPerRoll` legs
    /// (an iron condor's; a credit spread, with half the legs, rolls half as many).
    public func rollCost(_ condor: CondorSnapshot, at mark: MarketMark) -> Double {
        let x = mark.model.execution
        let perLeg = NSDecimalNumber(decimal: x.slippagePerLeg).doubleValue * condor.multiplier + NSDecimalNumber(decimal: x.feePerLegContract).doubleValue
        let legs = condor.legCount == 4 ? parameters.legsPerRoll : parameters.legsPerRoll * condor.legCount / 4
        return Double(legs) * Double(condor.contracts) * perLeg
    }

    /// Dollars one held layer gains in the shock.
    public func shockPayoff(_ layer: HedgeLayerSnapshot, at mark: MarketMark) -> Double {
        parameters.hedge.shockGain(strike: layer.strike, expiry: layer.expiry, at: mark, points: parameters.shockVIXPoints)
            * VIXCallHedge.multiplier * Double(layer.quantity)
    }

    /// A new layer of `purpose`, `quantity` contracts (≥ 1, ≤ the maximum), bought at `mark`.
    public func layerPlan(_ purpose: HedgeLayerPlan.Purpose, quantity: Int, at mark: MarketMark) -> HedgeLayerPlan {
        let h = parameters.hedge
        let expiry = h.expiry(at: mark)
        let strike = h.strike(expiry: expiry, at: mark)
        let q = min(max(quantity, 1), parameters.maximumLayerContracts)
        let gain = h.shockGain(strike: strike, expiry: expiry, at: mark, points: parameters.shockVIXPoints)
        return HedgeLayerPlan(purpose: purpose, quantity: q, strike: strike, expiry: expiry,
                              daysToExpiry: MarketCalendar.daysToExpiry(expiry, from: mark.date), price: h.value(strike: strike, expiry: expiry, at: mark),
                              shockPayoff: gain * VIXCallHedge.multiplier * Double(q))
    }

    /// The advisor's report for one condor at one mark (`mark` carries the market model that
    /// prices the roll and the hedges).
    public func advise(condor: CondorSnapshot, layers: [HedgeLayerSnapshot], signals: MarketSignals, at mark: MarketMark) -> AdvisorReport {
        let p = parameters
        let fixed = p.fixedRule.explain(value: condor.mark, credit: condor.credit, daysToExpiry: condor.daysToExpiry)
        let (regime, regimeReasons) = regime(signals)
        let cost = rollCost(condor, at: mark)
        let held = layers.reduce(0) { $0 + shockPayoff($1, at: mark) }
        let loss = condor.shockLoss(volatilityPoints: p.shockVIXPoints)
        var reasons: [String] = []
        var report = AdvisorReport(fixed: fixed, regime: regime, threat: nil, action: .hold, proactiveLayer: nil,
                                   layerActions: layerActions(layers, signals: signals), rollCost: cost,
                                   heldLayersShockPayoff: held, condorShockLoss: loss, reasons: [])

        // 2. Exits that do not read the regime.
        let profitLevel = (1 - p.fixedRule.takeProfitFraction) * condor.credit
        if condor.mark <= profitLevel {
            reasons.append("take profit: mark \(fmt(condor.mark)) ≤ \(fmt(profitLevel))")
            report.action = .close(reason: "take-profit")
            report.reasons = reasons + layerReasons(report.layerActions)
            return report
        }
        let hardStop = (1 + p.hardStopMultiple) * condor.credit
        if condor.mark >= hardStop {
            reasons.append("risk limit: mark \(fmt(condor.mark)) ≥ \(fmt(hardStop)) (\(fmt(1 + p.hardStopMultiple))× credit) whatever the regime")
            report.action = .close(reason: "alvh")
            report.reasons = reasons + layerReasons(report.layerActions)
            return report
        }
        if let exit = p.closeAtDaysToExpiry, condor.daysToExpiry <= exit {
            reasons.append("time: \(condor.daysToExpiry) days to expiry ≤ \(exit) (gamma risk)")
            report.action = .close(reason: "time")
            report.reasons = reasons + layerReasons(report.layerActions)
            return report
        }

        // 3. Threatened?
        var threats: [String] = []
        if fixed.action == .stop { threats.append("the fixed rule says \(fixed.text)") }
        if abs(condor.shortPutDelta) >= p.threatenedDelta {
            threats.append("short put delta \(FixedDigits.format(condor.shortPutDelta, digits: 2)) beyond ±\(FixedDigits.format(p.threatenedDelta, digits: 2))")
        }
        if abs(condor.shortCallDelta) >= p.threatenedDelta {
            threats.append("short call delta \(FixedDigits.format(condor.shortCallDelta, digits: 2)) beyond ±\(FixedDigits.format(p.threatenedDelta, digits: 2))")
        }
        if !threats.isEmpty {
            report.threat = threats.joined(separator: "; ")
            reasons.append("threatened: " + report.threat!)
            reasons.append(contentsOf: regimeReasons)
            // A credit spread's tested side is the side it has.
            let tested: CondorAction.TestedSide = !condor.hasCallSide ? .put : !condor.hasPutSide ? .call
                : abs(condor.shortPutDelta) >= abs(condor.shortCallDelta) ? .put : .call
            let canRoll = condor.rolls < p.maximumRolls && condor.daysToExpiry >= p.minimumDaysToRoll
            let rollOrClose: (String) -> CondorAction = { why in
                if canRoll {
                    reasons.append(why + ": roll the \(tested.rawValue) side out")
                    return .roll(testedSide: tested)
                }
                reasons.append(why + ": close (\(condor.rolls) roll(s) made, \(condor.daysToExpiry) days left; rolls allowed \(p.maximumRolls), at ≥ \(p.minimumDaysToRoll) days)")
                return .close(reason: "alvh")
            }
            switch regime {
            case .regimeChange:
                report.action = rollOrClose("genuine regime change")
            case .noise:
                let (action, why) = noiseResponse(condor, held: held, cost: cost, loss: loss, at: mark)
                if let action {
                    reasons.append(why)
                    report.action = action
                } else {
                    report.action = rollOrClose(why)
                }
            }
            report.reasons = reasons + layerReasons(report.layerActions)
            return report
        }

        // 6. Not threatened: a proactive layer ahead of a macro event.
        reasons.append("not threatened: short deltas \(FixedDigits.format(condor.shortPutDelta, digits: 2))/\(FixedDigits.format(condor.shortCallDelta, digits: 2)), mark \(fmt(condor.mark)) vs credit \(fmt(condor.credit))")
        let keptLayers = layers.filter { layer in !report.layerActions.contains { $0.id == layer.id } }
        if let sessions = signals.sessionsToMacroEvent, sessions <= p.macroEventSessions, keptLayers.isEmpty, p.proactiveContractsPerCondor > 0 {
            let quantity = Int((p.proactiveContractsPerCondor * Double(condor.contracts)).rounded(.up))
            let plan = layerPlan(.proactive, quantity: quantity, at: mark)
            report.proactiveLayer = plan
            reasons.append("\(signals.macroEventKind ?? "macro event") in \(sessions) session(s) (≤ \(p.macroEventSessions)): add a small protective layer of \(plan.quantity) VIX \(fmt(plan.strike)) call(s)")
        } else {
            reasons.append("hold")
        }
        report.reasons = reasons + layerReasons(report.layerActions)
        return report
    }

    /// Step 5, a threatened condor in noise: hold while a recent deferral stands, else defer with the
    /// layers held or with a new one when the hedge pays more than the roll costs; nil (roll) with
    /// the reason otherwise.
    func noiseResponse(_ condor: CondorSnapshot, held: Double, cost: Double, loss: Double, at mark: MarketMark) -> (action: CondorAction?, reason: String) {
        let p = parameters
        if let since = condor.sessionsSinceDeferral, since < p.deferralCooldownSessions {
            return (.hold, "noise: the deferral of \(since) session(s) ago stands (cooldown \(p.deferralCooldownSessions)); hold")
        }
        if held > cost {
            return (.deferRoll(layer: nil), "noise: layers held pay \(fmt(held)) in a +\(fmt(p.shockVIXPoints)) VIX shock > roll cost \(fmt(cost)): defer the roll")
        }
        let perContract = layerPlan(.deferral, quantity: 1, at: mark).shockPayoff
        let wanted = perContract > 0 ? Int((p.hedgeCoverage * max(loss, 0) / perContract).rounded(.up)) : 1
        let plan = layerPlan(.deferral, quantity: wanted, at: mark)
        guard held + plan.shockPayoff > cost else {
            return (nil, "noise, but the hedge pays \(fmt(held + plan.shockPayoff)) ≤ roll cost \(fmt(cost))")
        }
        return (.deferRoll(layer: plan), "noise: a layer of \(plan.quantity) VIX \(fmt(plan.strike)) call(s) pays \(fmt(plan.shockPayoff)) in a +\(fmt(p.shockVIXPoints)) VIX shock"
            + " (covers \(pct(p.hedgeCoverage)) of the condor's \(fmt(loss)) shock loss) > roll cost \(fmt(cost)): defer the roll and hedge")
    }

    /// Step 7: what to do with the layers held.
    public func layerActions(_ layers: [HedgeLayerSnapshot], signals: MarketSignals) -> [LayerAction] {
        let p = parameters
        var actions: [LayerAction] = []
        for layer in layers where layer.quantity > 0 {
            if layer.daysToExpiry <= p.layerCloseDaysToExpiry {
                actions.append(.close(id: layer.id, reason: "expires in \(layer.daysToExpiry) day(s)"))
                continue
            }
            guard layer.sessionsHeld >= p.layerMinimumHoldSessions else { continue }
            var why: String?
            if signals.vix < layer.vixAtAdd {
                why = "VIX \(fmt(signals.vix)) back below \(fmt(layer.vixAtAdd)) where the layer was added"
            } else if let before = layer.termRatioAtAdd, before >= p.inversionRatio, let now = signals.termRatio, now < 1 {
                why = "term structure back in contango (VIX/VIX3M \(FixedDigits.format(now, digits: 3)))"
            }
            guard let why else { continue }
            let sell = Int((Double(layer.quantity) * p.reduceFraction).rounded(.down))
            if sell >= 1, sell < layer.quantity {
                actions.append(.reduce(id: layer.id, quantity: sell, reason: why))
            } else {
                actions.append(.close(id: layer.id, reason: why))
            }
        }
        return actions
    }

    func layerReasons(_ actions: [LayerAction]) -> [String] {
        actions.map { action in
            switch action {
            case let .reduce(id, quantity, reason): "layer \(id): reduce by \(quantity): \(reason)"
            case let .close(id, reason): "layer \(id): close: \(reason)"
            }
        }
    }
}
