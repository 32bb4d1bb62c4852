import ArgumentParser
import Finance
import Foundation
import Ledger
import Strategy

/// `alvh advise CONDOR [--at ISO8601]`: the signals, the condor's greeks and break-evens, the fixed
/// rule's verdict, the ALVH verdict and its reasons, from the ledger's latest marks.
struct AdviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "What the fixed rule and the ALVH advisor say about an open condor, and why.",
        discussion: "Reads the condor, its hedge layers and the marks at or before --at (default now). The advisor is the product's reading of a qualitative methodology; every threshold is a parameter (see docs/advisor.md).")

    @Argument(help: "The condor's id.") var condor: String
    @Option(help: ArgumentHelp("The instant to advise at: ISO 8601 with zone, or a date (its 16:00 New York close).", valueName: "ISO8601")) var at: String?
    @Option(help: "Market feed to read marks from (default: the condor's backtest feed, else the latest feed).") var feed: String?
    @Option(help: "Macro calendar CSV (date,type: FOMC, CPI, PPI) for days to the next release.") var calendar: String?
    @Option(help: "Fixed rule: fraction of the credit kept at take-profit, in (0, 1] (as alvh decisions).") var takeProfit: String = "0.5"
    @Option(help: "Fixed rule: loss multiple of the credit at the stop (2 = stop when the condor is worth 3× the credit, a loss of 2× the credit; as alvh decisions).") var stop: String = "2.0"
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let id = UUID(uuidString: condor) else { throw CLIFailure.invalid("CONDOR", "must be a condor id (UUID) (got \(Echo.quoted(condor)))") }
        let rule = try FixedRuleOptions.rule(takeProfit: takeProfit, stop: stop)
        let instant = try at.map { try StrategyCommandSupport.instant($0, field: "--at") } ?? Date()
        let calendar = try StrategyCommandSupport.readCalendar(calendar)
        let store = try LedgerSession.openForReading(global)
        var parameters = AdvisorParameters()
        parameters.fixedRule = rule
        let advice = try CondorAdvice.load(store: store, condorID: id, at: instant, feed: feed, calendar: calendar, parameters: parameters)
        print(global.json ? try StrategyCommandSupport.json(AdviceFormat.json(advice)) : AdviceFormat.text(advice))
    }
}

/// Text and JSON forms of `CondorAdvice`.
enum AdviceFormat {
    static func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

    static func volBreakEven(_ value: VolatilityBreakEven?) -> (text: String, json: Any) {
        switch value {
        case .volatility(let v)?: ("\(f(v * 100, 1)) % flat implied vol", v)
        case .unreachable?: ("not reached below 500 % vol", "unreachable")
        case .reachedAtAnyVolatility?: ("at or past the stop at any vol", "reached")
        case nil: ("n/a", NSNull())
        }
    }

    static func layerPlan(_ plan: HedgeLayerPlan) -> [String: Any] {
        ["purpose": plan.purpose.rawValue, "quantity": plan.quantity, "strike": plan.strike, "expiry": plan.expiry.description, "daysToExpiry": plan.daysToExpiry,
         "price": plan.price, "shockPayoff": plan.shockPayoff, "tier": plan.tier]
    }

    static func text(_ a: CondorAdvice) -> String {
        let s = a.signals, c = a.snapshot, r = a.report, k = a.condor.strikes
        let g = c.valuation.position
        var lines: [String] = []
        lines.append("condor \(a.condor.condorID.lowercasedString) (\(a.condor.portfolio)) \(a.condor.underlying.rawValue) \(k.expiry) "
            + "\(k.strikesText) ×\(c.contracts)")
        lines.append("as of the \(a.markDate) mark on feed \(a.feed), \(c.daysToExpiry) days to expiry, \(c.rolls) roll(s)")
        lines.append("valued with \(a.model.label): \(a.model.assumptions)")
        lines.append("")
        lines.append("signals")
        lines.append("  SPX \(f(s.spx))   VIX \(f(s.vix))" + (s.vix3m.map { "   VIX3M \(f($0))" } ?? "") + (s.vix9d.map { "   VIX9D \(f($0))" } ?? ""))
        lines.append("  term structure VIX/VIX3M " + (s.termRatio.map { f($0, 3) + ($0 > 1 ? " (backwardation)" : " (contango)") } ?? "n/a"))
        lines.append("  VIX MACD histogram " + (s.macdHistogram.map { f($0, 3) } ?? "n/a") + "   RSI(14) " + (s.rsi.map { f($0, 1) } ?? "n/a"))
        lines.append("  realized 20d " + (s.realizedVolatility.map { f($0 * 100, 1) + " %" } ?? "n/a") + " vs implied (VIX) \(f(s.vix, 1)) %")
        lines.append("  next macro release " + (s.macroEventKind.map { "\($0) in \(s.sessionsToMacroEvent ?? 0) session(s), \(s.daysToMacroEvent ?? 0) day(s)" } ?? "n/a (no --calendar)"))
        lines.append("")
        lines.append("position (dollars)")
        lines.append("  mark \(f(c.mark)) per unit vs credit \(f(c.credit))   delta \(f(g.delta))   gamma \(f(g.gamma, 4))   theta/day \(f(g.theta / 365))   vega/pt \(f(g.vega / 100))   volga/pt² \(f(g.volga / 10_000, 4))")
        lines.append("  short deltas put \(c.hasPutSide ? f(c.shortPutDelta) : "n/a") call \(c.hasCallSide ? f(c.shortCallDelta) : "n/a")")
        lines.append("  break-evens: price \(c.priceBreakEvens.lower.map { f($0) } ?? "n/a") / \(c.priceBreakEvens.upper.map { f($0) } ?? "n/a"); volatility \(volBreakEven(c.volatilityBreakEven).text) (mark reaches the stop)")
        lines.append("")
        lines.append("fixed rule: \(r.fixed.text)")
        lines.append(r.headline + (r.threat.map { " — threatened: \($0)" } ?? ""))
        if case .deferRoll(let plan?) = r.action {
            lines.append("  hedge: buy \(plan.quantity) VIX \(f(plan.strike, 0)) call(s) expiring \(plan.expiry) (\(plan.daysToExpiry) days) at ~\(f(plan.price)); +\(f(5, 0)) VIX shock payoff \(f(plan.shockPayoff)) vs roll cost \(f(r.rollCost))")
        }
        if let plan = r.proactiveLayer {
            lines.append("  proactive layer: \(plan.quantity) VIX \(f(plan.strike, 0)) call(s) at ~\(f(plan.price))")
        }
        for reason in r.reasons { lines.append("  - " + reason) }
        if !a.unvaluedLayers.isEmpty { lines.append("  (layers not valued by the advisor: \(a.unvaluedLayers.joined(separator: ", ")))") }
        return lines.joined(separator: "\n")
    }

    static func json(_ a: CondorAdvice) -> [String: Any] {
        let s = a.signals, c = a.snapshot, r = a.report, g = c.valuation.position
        func opt(_ x: Double?) -> Any { x ?? NSNull() }
        var action: [String: Any] = ["name": r.action.name]
        switch r.action {
        case .roll(let side): action["testedSide"] = side.rawValue
        case .close(let reason): action["reason"] = reason
        case .deferRoll(let plan): action["layer"] = plan.map(layerPlan) ?? NSNull()
        case .hold: break
        }
        return [
            "condor": a.condor.condorID.lowercasedString, "portfolio": a.condor.portfolio, "feed": a.feed, "markDate": a.markDate.description,
            "model": ["id": a.model.id, "label": a.model.label, "assumptions": a.model.assumptions],
            "signals": ["spx": s.spx, "vix": s.vix, "vix3m": opt(s.vix3m), "vix9d": opt(s.vix9d), "termRatio": opt(s.termRatio),
                        "vixMACDHistogram": opt(s.macdHistogram), "rsi": opt(s.rsi), "realizedVolatility": opt(s.realizedVolatility),
                        "sessionsToMacroEvent": s.sessionsToMacroEvent ?? NSNull(), "daysToMacroEvent": s.daysToMacroEvent ?? NSNull(),
                        "macroEvent": s.macroEventKind ?? NSNull()] as [String: Any],
            "position": ["mark": c.mark, "credit": c.credit, "daysToExpiry": c.daysToExpiry, "contracts": c.contracts,
                         "delta": g.delta, "gamma": g.gamma, "thetaPerDay": g.theta / 365, "vegaPerVolPoint": g.vega / 100,
                         "volgaPerVolPointSquared": g.volga / 10_000, "shortPutDelta": c.shortPutDelta, "shortCallDelta": c.shortCallDelta,
                         "priceBreakEvens": [opt(c.priceBreakEvens.lower), opt(c.priceBreakEvens.upper)],
                         "volatilityBreakEven": volBreakEven(c.volatilityBreakEven).json] as [String: Any],
            "fixedRule": ["action": r.fixed.action.rawValue, "text": r.fixed.text],
            "alvh": ["regime": r.regime.rawValue, "threat": r.threat ?? NSNull(), "action": action,
                     "proactiveLayer": r.proactiveLayer.map(layerPlan) ?? NSNull(),
                     "layerActions": r.layerActions.map { la -> [String: Any] in
                         switch la {
                         case let .reduce(id, q, why): ["layer": id, "action": "reduce", "quantity": q, "reason": why]
                         case let .close(id, why): ["layer": id, "action": "close", "reason": why]
                         }
                     },
                     "rollCost": r.rollCost, "heldLayersShockPayoff": r.heldLayersShockPayoff, "condorShockLoss": r.condorShockLoss,
                     "reasons": r.reasons] as [String: Any],
            "unvaluedLayers": a.unvaluedLayers,
        ]
    }
}
