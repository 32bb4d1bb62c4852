import Foundation
import Ledger
import Strategy

/// Every parameter a study can vary: the fixed rule's (`FixedRule`, read by both policies for
/// take-profit and stop, by the fixed policy alone for the time exit and the stop's action) and the
/// ALVH advisor's (`AdvisorParameters`; units there). The only file that knows where each goes.
public enum StudyParameters {
    public static let all: [StudyParameter] = fixedRule + advisor

    /// Names in order, for "valid names are …".
    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> StudyParameter? { all.first { $0.name == name } }

    static let both: Set<BacktestPolicy> = [.alvh, .fixed]

    static let fixedRule: [StudyParameter] = [
        .fraction("take-profit", both, "a fraction in (0, 1] of the credit", valid: { $0 > 0 && $0 <= 1 }) { $0.advisor.fixedRule.takeProfit = $1 },
        .fraction("stop", both, "a multiple of the credit in (0, 100]", valid: { $0 > 0 && $0 <= 100 }) { $0.advisor.fixedRule.stop = $1 },
        .integer("exit-dte", [.fixed], 0...3650, "0 … 3650 calendar days to expiry, or none", noneAllowed: true) { $0.advisor.fixedRule.exitDTE = $1 },
        StudyParameter(name: "at-stop", policies: [.fixed], rule: "close or roll",
                       read: { FixedRule.AtStop(rawValue: $0).map { .choice($0.rawValue) } },
                       write: { value, p in
                           guard case .choice(let text) = value, let atStop = FixedRule.AtStop(rawValue: text) else { return }
                           p.advisor.fixedRule.atStop = atStop
                       }),
    ]

    static let advisor: [StudyParameter] = [
        .number("threatened-delta", [.alvh], 0.01...0.99, "an absolute delta in [0.01, 0.99]") { $0.advisor.threatenedDelta = $1 },
        .number("inversion-ratio", [.alvh], 0.5...2, "a VIX/VIX3M ratio in [0.5, 2]") { $0.advisor.inversionRatio = $1 },
        .number("rsi-confirmation", [.alvh], 0...100, "an RSI level in [0, 100]") { $0.advisor.rsiConfirmation = $1 },
        .integer("macd-lookback", [.alvh], 1...60, "1 … 60 sessions") { $0.advisor.macdTurnLookback = $1 ?? 3 },
        .number("shock-vix", [.alvh], 0.5...50, "VIX points in [0.5, 50]") { $0.advisor.shockVIXPoints = $1 },
        .number("hedge-coverage", [.alvh], 0.05...5, "a fraction of the shock loss in [0.05, 5]") { $0.advisor.hedgeCoverage = $1 },
        .integer("max-layer-contracts", [.alvh], 1...1000, "1 … 1000 contracts") { $0.advisor.maximumLayerContracts = $1 ?? 20 },
        .number("proactive-contracts", [.alvh], 0...10, "VIX calls per condor contract in [0, 10] (0: no proactive layer)") { $0.advisor.proactiveContractsPerCondor = $1 },
        .integer("macro-sessions", [.alvh], 0...20, "0 … 20 sessions") { $0.advisor.macroEventSessions = $1 ?? 2 },
        .number("reduce-fraction", [.alvh], 0.05...1, "a fraction of the layer in [0.05, 1]") { $0.advisor.reduceFraction = $1 },
        .integer("layer-min-hold", [.alvh], 0...60, "0 … 60 sessions") { $0.advisor.layerMinimumHoldSessions = $1 ?? 2 },
        .integer("layer-close-dte", [.alvh], 0...60, "0 … 60 calendar days") { $0.advisor.layerCloseDaysToExpiry = $1 ?? 2 },
        .integer("deferral-cooldown", [.alvh], 0...60, "0 … 60 sessions") { $0.advisor.deferralCooldownSessions = $1 ?? 5 },
        .number("hard-stop", [.alvh], 0.1...100, "a multiple of the credit in [0.1, 100]") { $0.advisor.hardStopMultiple = $1 },
        .integer("close-dte", [.alvh], 0...400, "0 … 400 calendar days to expiry, or none", noneAllowed: true) { $0.advisor.closeAtDaysToExpiry = $1 },
        .integer("max-rolls", [.alvh], 0...20, "0 … 20 rolls") { $0.advisor.maximumRolls = $1 ?? 2 },
        .integer("min-dte-roll", [.alvh], 0...400, "0 … 400 calendar days") { $0.advisor.minimumDaysToRoll = $1 ?? 10 },
    ]
}
