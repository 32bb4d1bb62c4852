import EventStore
import Finance
import Foundation
import Ledger

/// A daily backtest that writes a real ledger. For each session (closes, 16:00 New York): record a
/// `MarketObserved`; settle condors whose expiry has come (at the expiry date's close, or the last
/// close before it); let the policy manage every open condor and hedge layer; on the entry weekday
/// sell a new condor. Every trade goes through the ledger's commands (`LedgerCommand` → decider →
/// append), with command ids derived from the portfolio, the session and the action, so the same
/// backtest re-run into the same portfolio records nothing new, and a longer run extends a shorter one.
public struct Backtest {
    public var parameters: BacktestParameters
    public var actor = "alvh-backtest"
    public var toolVersion: String

    public init(parameters: BacktestParameters, toolVersion: String = "0.1.0") {
        self.parameters = parameters
        self.toolVersion = toolVersion
    }

    struct Condor {
        var id: UUID
        var strikes: IronCondorLegs
        var contracts: Int
        /// Cumulative net credit per unit.
        var credit: Decimal
        var rolls = 0
        var lastDeferral: Int?
    }

    struct Layer {
        var id: UUID
        var strike: Double
        var expiry: CalendarDay
        var quantity: Int
        var vixAtAdd: Double
        var ratioAtAdd: Double?
        var addedSession: Int
        var protects: [UUID]
    }

    /// Runs over `days` (ascending; the sessions before `from` only warm the signals up) and writes
    /// through `ledger`, flushing every `sessionsPerBatch` sessions. `progress(done, total)` is
    /// called once per session.
    public func run(days: [MarketDay], from: CalendarDay? = nil, calendar: EventCalendar?, ledger: BacktestLedger,
                    progress: ((Int, Int) -> Void)? = nil) throws -> BacktestResult {
        try parameters.validate()
        let p = parameters
        let advisor = ALVHAdvisor(parameters: p.advisor)
        let history = SignalHistory(days: days, calendar: calendar)
        let firstRecorded = from.map { f in days.firstIndex { $0.date >= f } ?? days.count } ?? 0
        var result = BacktestResult(portfolio: p.portfolio, policy: p.policy.rawValue, feed: p.feed)
        var condors: [Condor] = []
        var layers: [Layer] = []
        let total = days.count - firstRecorded
        var sinceFlush = 0

        for index in firstRecorded..<days.count {
            let day = days[index]
            let at = Self.closeInstant(day.date)
            let signals = history.signals(at: index)
            let decisionSignals = Self.decisionSignals(signals)
            func context(_ action: String, _ subject: String = "") -> CommandContext {
                CommandContext(commandID: EventIdentity.commandID(content: "backtest|\(p.portfolio)|\(day.date)|\(action)|\(subject)"),
                               actor: actor, toolVersion: toolVersion, now: at)
            }
            result.sessions += 1
            result.firstSession = result.firstSession ?? day.date.description
            result.lastSession = day.date.description

            // 1. The mark.
            try ledger.record(.recordMarket(RecordMarket(feed: p.feed, at: at, spx: try Money.cents(day.spx), vix: try Money.cents(day.vix),
                                                         vix9d: try day.vix9d.map { try Money.cents($0) }, vix3m: try day.vix3m.map { try Money.cents($0) })),
                              context: context("mark"))

            // 2. Expiries.
            var stillOpen: [Condor] = []
            for condor in condors {
                let expiry = Self.day(condor.strikes.expiry)
                guard expiry <= day.date else { stillOpen.append(condor); continue }
                let settlementDay = expiry == day.date ? day : days[..<index].last { $0.date <= expiry } ?? day
                try ledger.record(.expireCondor(ExpireCondor(condorID: condor.id, settlement: try Money.cents(settlementDay.spx))),
                                  context: context("expire", condor.id.lowercasedString))
                result.condorsExpired += 1
            }
            condors = stillOpen

            // 3. Manage each open condor.
            var layerActions: [UUID: LayerAction] = [:]
            var proactiveFor: [(UUID, HedgeLayerPlan)] = []
            var kept: [Condor] = []
            for var condor in condors {
                let expiry = Self.day(condor.strikes.expiry)
                let daysLeft = expiry.daysSinceEpoch - day.date.daysSinceEpoch
                let s = condor.strikes
                let snapshot = try p.pricer.snapshot(
                    longPut: Self.double(s.longPut!), shortPut: Self.double(s.shortPut!), shortCall: Self.double(s.shortCall!),
                    longCall: Self.double(s.longCall!), contracts: condor.contracts, credit: Self.double(condor.credit), spot: day.spx,
                    vix: day.vix, days: daysLeft, stopMultiple: p.advisor.fixedRule.stopMultiple, withVolatilityBreakEven: false, rolls: condor.rolls,
                    sessionsSinceDeferral: condor.lastDeferral.map { index - $0 })
                let fixed = p.advisor.fixedRule.explain(value: snapshot.mark, credit: snapshot.credit, daysToExpiry: daysLeft)
                let closeDebit = try Money.cents(max(0, snapshot.mark + 4 * p.advisor.slippagePerLeg))
                let fees4 = try Money.cents(4 * p.advisor.feePerLegContract * Double(condor.contracts))
                let trigger = { (alvh: String?) in RollTrigger(fixedRule: Self.clip(fixed.text), alvh: alvh.map(Self.clip)) }

                switch p.policy {
                case .fixed:
                    var reason: CloseReason?
                    switch fixed.action {
                    case .takeProfit: reason = .takeProfit
                    case .stop: reason = .stop
                    case .exitAtDaysToExpiry: reason = .time
                    case .hold: reason = nil
                    }
                    if fixed.action == .stop, p.fixedRollsAtStop, daysLeft >= p.advisor.minimumDaysToRoll,
                       try roll(&condor, day: day, at: at, signals: decisionSignals, trigger: trigger(nil), reason: "fixed rule: " + fixed.text,
                                context: context("roll", condor.id.lowercasedString), ledger: ledger) {
                        result.rolls += 1
                        kept.append(condor)
                    } else if let reason {
                        try ledger.record(.closeCondor(CloseCondor(condorID: condor.id, price: closeDebit, fees: fees4, at: at, reason: reason,
                                                                   note: Self.clip(fixed.text), signals: decisionSignals)),
                                          context: context("close", condor.id.lowercasedString))
                        result.condorsClosed[reason.rawValue, default: 0] += 1
                    } else {
                        kept.append(condor)
                    }

                case .alvh:
                    let held = layers.filter { $0.protects.contains(condor.id) }.map { layer in
                        HedgeLayerSnapshot(id: layer.id.lowercasedString, quantity: layer.quantity, strike: layer.strike,
                                           daysToExpiry: layer.expiry.daysSinceEpoch - day.date.daysSinceEpoch, vixAtAdd: layer.vixAtAdd,
                                           termRatioAtAdd: layer.ratioAtAdd, sessionsHeld: index - layer.addedSession)
                    }
                    let report = advisor.advise(condor: snapshot, layers: held, signals: signals)
                    for action in report.layerActions {
                        if let id = UUID(uuidString: action.id), layerActions[id] == nil { layerActions[id] = action }
                    }
                    let why = report.reasons.joined(separator: "; ")
                    switch report.action {
                    case .hold:
                        if let plan = report.proactiveLayer { proactiveFor.append((condor.id, plan)) }
                        kept.append(condor)
                    case .close(let reasonText):
                        let reason = CloseReason(rawValue: reasonText) ?? .alvh
                        try ledger.record(.closeCondor(CloseCondor(condorID: condor.id, price: closeDebit, fees: fees4, at: at, reason: reason,
                                                                   note: Self.clip(why), signals: decisionSignals)),
                                          context: context("close", condor.id.lowercasedString))
                        result.condorsClosed[reason.rawValue, default: 0] += 1
                    case .roll:
                        if try roll(&condor, day: day, at: at, signals: decisionSignals, trigger: trigger(why), reason: why,
                                    context: context("roll", condor.id.lowercasedString), ledger: ledger) {
                            result.rolls += 1
                            kept.append(condor)
                        } else {
                            try ledger.record(.closeCondor(CloseCondor(condorID: condor.id, price: closeDebit, fees: fees4, at: at, reason: .alvh,
                                                                       note: Self.clip("no roll available: " + why), signals: decisionSignals)),
                                              context: context("close", condor.id.lowercasedString))
                            result.condorsClosed[CloseReason.alvh.rawValue, default: 0] += 1
                        }
                    case .deferRoll(let plan):
                        try ledger.record(.deferRoll(DeferRoll(condorID: condor.id, reason: Self.clip(why), at: at, trigger: trigger(why),
                                                               signals: decisionSignals)),
                                          context: context("defer", condor.id.lowercasedString))
                        result.deferrals += 1
                        condor.lastDeferral = index
                        if let plan {
                            let layer = try addLayer(plan, protects: [condor.id], day: day, index: index, at: at, signals: decisionSignals,
                                                     reason: why, context: context("hedge", condor.id.lowercasedString), ledger: ledger)
                            layers.append(layer)
                            result.layersAdded += 1
                        }
                        kept.append(condor)
                    }
                }
            }
            condors = kept

            // 4. One proactive layer for every condor that asked for one.
            if !proactiveFor.isEmpty {
                let quantity = min(proactiveFor.reduce(0) { $0 + $1.1.quantity }, p.advisor.maximumLayerContracts)
                var plan = proactiveFor[0].1
                plan.quantity = quantity
                let why = "\(signals.macroEventKind ?? "macro event") in \(signals.sessionsToMacroEvent ?? 0) session(s): proactive layer for \(proactiveFor.count) condor(s)"
                layers.append(try addLayer(plan, protects: proactiveFor.map(\.0), day: day, index: index, at: at, signals: decisionSignals,
                                           reason: why, context: context("proactive"), ledger: ledger))
                result.layersAdded += 1
            }

            // 5. Layers: the advisor's reductions, expiring options, layers whose condors are all gone.
            let openIDs = Set(condors.map(\.id))
            var keptLayers: [Layer] = []
            for var layer in layers {
                let daysLeft = layer.expiry.daysSinceEpoch - day.date.daysSinceEpoch
                let value = p.advisor.hedge.value(vix: day.vix, vix3m: day.vix3m, strike: layer.strike, days: max(daysLeft, 0))
                let bid = try Money.cents(max(0, value - p.advisor.hedge.halfSpread))
                let fees = { (q: Int) in try Money.cents(p.advisor.hedge.feePerContract * Double(q)) }
                let subject = layer.id.lowercasedString
                var closeReason: String?
                if daysLeft <= 0 { closeReason = "option expires" }
                else if !layer.protects.contains(where: openIDs.contains) { closeReason = "every condor it protected is closed" }
                else if case .close(_, let why)? = layerActions[layer.id] { closeReason = why }
                if let closeReason {
                    try ledger.record(.closeHedgeLayer(CloseHedgeLayer(layerID: layer.id, price: bid, fees: try fees(layer.quantity), at: at,
                                                                       reason: closeReason, signals: decisionSignals)),
                                      context: context("layer-close", subject))
                    result.layersClosed += 1
                    continue
                }
                if case .reduce(_, let quantity, let why)? = layerActions[layer.id], quantity < layer.quantity {
                    try ledger.record(.reduceHedgeLayer(ReduceHedgeLayer(layerID: layer.id, quantity: quantity, price: bid, fees: try fees(quantity),
                                                                         at: at, reason: why, signals: decisionSignals)),
                                      context: context("layer-reduce", subject))
                    layer.quantity -= quantity
                    // A reduced layer is judged again from today's level.
                    layer.vixAtAdd = day.vix
                    layer.ratioAtAdd = signals.termRatio
                    layer.addedSession = index
                    result.layersReduced += 1
                }
                keptLayers.append(layer)
            }
            layers = keptLayers

            // 6. The scheduled entry.
            if day.date.isoWeekday == p.entryWeekday {
                result.scheduledEntries += 1
                do {
                    let condor = try open(day: day, at: at, signals: decisionSignals, context: context("open"), ledger: ledger)
                    condors.append(condor)
                    result.condorsOpened += 1
                    result.condorIDs.append(condor.id.lowercasedString)
                } catch let error as StrategyError {
                    result.skippedEntries.append("\(day.date): \(error)")
                }
            }

            sinceFlush += 1
            if sinceFlush >= p.sessionsPerBatch {
                try ledger.flush()
                sinceFlush = 0
            }
            progress?(index - firstRecorded + 1, total)
        }
        try ledger.flush()
        result.openAtEnd = condors.count
        result.eventsRecorded = ledger.eventsRecorded
        result.eventsWritten = ledger.eventsWritten
        result.eventsAlreadyStored = ledger.eventsAlreadyStored
        return result
    }

    // MARK: trades

    /// Strikes at the target delta for an expiry `entryDaysToExpiry` out (first Friday on or after).
    func freshCondor(day: MarketDay) throws -> (legs: IronCondorLegs, credit: Decimal) {
        let p = parameters
        var expiry = day.date.adding(days: p.entryDaysToExpiry)
        while expiry.isoWeekday != 5 { expiry = expiry.adding(days: 1) }
        let days = expiry.daysSinceEpoch - day.date.daysSinceEpoch
        let shortPut = try p.pricer.strike(Finance.OptionRight.put, targetDelta: p.shortDelta, spot: day.spx, vix: day.vix, days: days)
        let shortCall = try p.pricer.strike(Finance.OptionRight.call, targetDelta: p.shortDelta, spot: day.spx, vix: day.vix, days: days)
        let longPut = shortPut - p.wingWidth
        guard longPut > 0, shortPut < shortCall else {
            throw StrategyError.invalidInput(field: "strikes", rule: "no valid condor at SPX \(day.spx) (short put \(shortPut), short call \(shortCall))")
        }
        let snapshot = try p.pricer.snapshot(longPut: longPut, shortPut: shortPut, shortCall: shortCall, longCall: shortCall + p.wingWidth,
                                             contracts: 1, credit: 1, spot: day.spx, vix: day.vix, days: days)
        let credit = try Money.cents(snapshot.mark - 4 * p.advisor.slippagePerLeg)
        guard credit > 0 else {
            throw StrategyError.invalidInput(field: "credit", rule: "the condor would sell for \(credit) after slippage")
        }
        let legs = try IronCondorLegs(expiry: CalendarDate(year: expiry.components.year, month: expiry.components.month, day: expiry.components.day)!,
                                      longPut: try Money.cents(longPut), shortPut: try Money.cents(shortPut),
                                      shortCall: try Money.cents(shortCall), longCall: try Money.cents(shortCall + p.wingWidth))
        return (legs, credit)
    }

    func open(day: MarketDay, at: Date, signals: DecisionSignals, context: CommandContext, ledger: BacktestLedger) throws -> Condor {
        let p = parameters
        let (legs, credit) = try freshCondor(day: day)
        let decision = try ledger.record(.openCondor(OpenCondor(
            portfolio: p.portfolio, underlying: .spxw, strikes: legs, contracts: p.contracts, credit: credit,
            fees: try Money.cents(4 * p.advisor.feePerLegContract * Double(p.contracts)), at: at, signals: signals,
            note: "backtest entry: \(Int(p.shortDelta * 100))-delta shorts, \(DecimalParser.format(Decimal(p.wingWidth)))-wide wings")), context: context)
        return Condor(id: decision.condorID!, strikes: legs, contracts: p.contracts, credit: credit)
    }

    /// Rolls both sides out to a fresh condor; false when no fresh condor is available.
    func roll(_ condor: inout Condor, day: MarketDay, at: Date, signals: DecisionSignals, trigger: RollTrigger, reason: String,
              context: CommandContext, ledger: BacktestLedger) throws -> Bool {
        let p = parameters
        guard let fresh = try? freshCondor(day: day), fresh.legs != condor.strikes else { return false }
        let s = condor.strikes
        let days = Self.day(s.expiry).daysSinceEpoch - day.date.daysSinceEpoch
        let mark = try p.pricer.snapshot(longPut: Self.double(s.longPut!), shortPut: Self.double(s.shortPut!), shortCall: Self.double(s.shortCall!),
                                         longCall: Self.double(s.longCall!), contracts: condor.contracts, credit: 1, spot: day.spx,
                                         vix: day.vix, days: max(days, 1)).mark
        let closePrice = try Money.cents(max(0, mark + 4 * p.advisor.slippagePerLeg))
        try ledger.record(.rollCondor(RollCondor(
            condorID: condor.id, side: .both, expiry: fresh.legs.expiry, longPut: fresh.legs.longPut, shortPut: fresh.legs.shortPut,
            shortCall: fresh.legs.shortCall, longCall: fresh.legs.longCall, closePrice: closePrice, openPrice: fresh.credit,
            fees: try Money.cents(Double(p.advisor.legsPerRoll) * p.advisor.feePerLegContract * Double(condor.contracts)), at: at,
            reason: Self.clip(reason), trigger: trigger, signals: signals)), context: context)
        condor.strikes = fresh.legs
        condor.credit += fresh.credit - closePrice
        condor.rolls += 1
        return true
    }

    func addLayer(_ plan: HedgeLayerPlan, protects: [UUID], day: MarketDay, index: Int, at: Date, signals: DecisionSignals, reason: String,
                  context: CommandContext, ledger: BacktestLedger) throws -> Layer {
        let h = parameters.advisor.hedge
        // VIX options expire on Wednesdays: the Wednesday on or before `tenorDays` out.
        var expiry = day.date.adding(days: plan.daysToExpiry)
        while expiry.isoWeekday != 3 { expiry = expiry.adding(days: -1) }
        let days = expiry.daysSinceEpoch - day.date.daysSinceEpoch
        let ask = h.value(vix: day.vix, vix3m: day.vix3m, strike: plan.strike, days: days) + h.halfSpread
        let c = expiry.components
        let decision = try ledger.record(.addHedgeLayer(AddHedgeLayer(
            protects: protects, instrument: .vixOption(expiry: CalendarDate(year: c.year, month: c.month, day: c.day)!, right: .call,
                                                       strike: Decimal(plan.strike)),
            quantity: plan.quantity, price: try Money.cents(max(ask, 0.01)), fees: try Money.cents(h.feePerContract * Double(plan.quantity)),
            tier: plan.tier, at: at, reason: Self.clip(reason), signals: signals)), context: context)
        return Layer(id: decision.layerID!, strike: plan.strike, expiry: expiry, quantity: plan.quantity, vixAtAdd: day.vix,
                     ratioAtAdd: day.vix3m.flatMap { TermStructure(near: day.vix, far: $0)?.ratio }, addedSession: index, protects: protects)
    }

    // MARK: helpers

    /// 16:00 New York on `date` (the close).
    public static func closeInstant(_ date: CalendarDay) -> Date {
        let c = date.components
        return LedgerDecider.settlementInstant(CalendarDate(year: c.year, month: c.month, day: c.day)!, style: .pm)
    }

    static func day(_ date: CalendarDate) -> CalendarDay { CalendarDay(year: date.year, month: date.month, day: date.day)! }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }

    static func clip(_ text: String) -> String { text.count <= 2000 ? text : String(text.prefix(1997)) + "…" }

    /// The signals as recorded on decision events (4 decimals; RSI 2).
    public static func decisionSignals(_ s: MarketSignals) -> DecisionSignals {
        func d(_ x: Double?, _ scale: Int) -> Decimal? { x.flatMap { try? Money.rounded($0, scale: scale) } }
        return DecisionSignals(spx: d(s.spx, 2), vix: d(s.vix, 2), vix9d: d(s.vix9d, 2), vix3m: d(s.vix3m, 2),
                               vixMACDHistogram: d(s.macdHistogram, 4), rsi: d(s.rsi.map { min(max($0, 0), 100) }, 2),
                               daysToMacroEvent: s.daysToMacroEvent.map { min($0, 3660) })
    }
}
