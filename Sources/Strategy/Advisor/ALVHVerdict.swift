/// The regime the signals describe.
public enum VolatilityRegime: String, Sendable, Hashable, Codable {
    /// Term structure inverted, or the VIX MACD histogram turning positive with RSI above the threshold.
    case regimeChange = "regime-change"
    /// No confirmation: a spike (if any) is treated as noise.
    case noise
}

import Ledger

/// A hedge layer the advisor proposes: `quantity` VIX calls at `strike` expiring on `expiry`.
public struct HedgeLayerPlan: Sendable, Hashable, Codable {
    public enum Purpose: String, Sendable, Hashable, Codable {
        /// Bought instead of rolling a threatened condor in noise.
        case deferral
        /// Bought ahead of an FOMC/CPI/PPI release.
        case proactive
    }

    public var purpose: Purpose
    public var quantity: Int
    public var strike: Double
    public var expiry: CalendarDate
    /// Calendar days to the expiry.
    public var daysToExpiry: Int
    /// Mid price per unit (index points) now.
    public var price: Double
    /// Projected gain of the whole layer in the +shock, dollars.
    public var shockPayoff: Double
    /// The ALVH tier: 1 proactive, 2 deferral.
    public var tier: Int { purpose == .proactive ? 1 : 2 }
}

/// What to do with the condor itself.
public enum CondorAction: Sendable, Hashable {
    case hold
    /// Roll the condor out (new expiry, fresh strikes); `testedSide` is the side under pressure.
    case roll(testedSide: TestedSide)
    /// Close it; `reason` is take-profit, time or alvh.
    case close(reason: String)
    /// Do not make the roll; `layer` is bought with it (nil when the layers held already cover it).
    case deferRoll(layer: HedgeLayerPlan?)

    public enum TestedSide: String, Sendable, Hashable, Codable { case put, call }

    /// Short name: hold, roll, close, defer.
    public var name: String {
        switch self {
        case .hold: "hold"
        case .roll: "roll"
        case .close: "close"
        case .deferRoll(let layer): layer == nil ? "defer" : "defer+hedge"
        }
    }
}

/// What to do with a layer already held.
public enum LayerAction: Sendable, Hashable {
    case reduce(id: String, quantity: Int, reason: String)
    case close(id: String, reason: String)

    public var id: String {
        switch self {
        case .reduce(let id, _, _), .close(let id, _): id
        }
    }
}

/// The advisor's full answer at one mark.
public struct AdvisorReport: Sendable, Hashable {
    public var fixed: FixedRuleVerdict
    public var regime: VolatilityRegime
    /// Why the condor counts as threatened, nil when it does not.
    public var threat: String?
    public var action: CondorAction
    /// A layer bought ahead of a macro event (only when the condor is held).
    public var proactiveLayer: HedgeLayerPlan?
    public var layerActions: [LayerAction]
    /// Projected cost of rolling, dollars (slippage plus fees).
    public var rollCost: Double
    /// Projected gain of the layers already held in the +shock, dollars.
    public var heldLayersShockPayoff: Double
    /// The condor's projected loss in the +shock (vega–volga), dollars.
    public var condorShockLoss: Double
    /// Human-readable reasons, in the order the rule applied them.
    public var reasons: [String]

    /// One line: `ALVH: defer+hedge (fixed rule: stop)`.
    public var headline: String {
        var text = "ALVH: \(action.name)"
        if proactiveLayer != nil { text += " + proactive layer" }
        if !layerActions.isEmpty { text += " + \(layerActions.count) layer action(s)" }
        return text + " (fixed rule: \(fixed.action.rawValue))"
    }
}
