import Ledger
/// Every threshold of the default ALVH advisor (docs/design.md, "The methodology"; docs/advisor.md), with its default.
///
/// Units: fractions of the credit for take-profit and stops, VIX index points for shocks, deltas as
/// absolute values (0.30 = 30 delta). Fills and fees (a roll's cost, a layer's price) are the mark's
/// market model's (`MarketModel`), not the advisor's.
public struct AdvisorParameters: Sendable, Hashable, Codable {
    /// The fixed risk:reward rule the advisor is compared with (and that flags a stop).
    public var fixedRule: FixedRule

    /// A short strike whose absolute delta reaches this is "threatened" even before the fixed stop.
    public var threatenedDelta: Double
    /// VIX/VIX3M at or above this is an inverted term structure: a genuine regime change.
    public var inversionRatio: Double
    /// RSI above this, with the VIX MACD histogram turning positive, confirms a regime change.
    public var rsiConfirmation: Double
    /// How many sessions back a MACD histogram sign change from ≤ 0 to > 0 still counts as "turning positive".
    public var macdTurnLookback: Int

    /// Size of the volatility shock the hedge is judged against, in VIX points (+5).
    public var shockVIXPoints: Double
    /// Legs traded by a roll of the whole condor (close 4, open 4).
    public var legsPerRoll: Int

    /// The hedge layer the advisor sizes: a VIX call on the VIX future of its expiry.
    public var hedge: VIXCallHedge
    /// A deferral layer is sized so its shock payoff covers this fraction of the condor's shock loss.
    public var hedgeCoverage: Double
    /// Largest layer the advisor proposes, contracts.
    public var maximumLayerContracts: Int
    /// The proactive layer before a macro event: contracts per condor contract protected, rounded up
    /// (at least 1); 0 turns proactive layers off.
    public var proactiveContractsPerCondor: Double
    /// A macro event (FOMC, CPI, PPI) this many sessions away or closer triggers the proactive layer.
    public var macroEventSessions: Int

    /// Fraction of a layer sold when it is reduced (the rest is kept); a 1-lot is closed instead.
    public var reduceFraction: Double
    /// A layer is not reduced within this many sessions of being added.
    public var layerMinimumHoldSessions: Int
    /// A layer is closed when its option has this many calendar days or fewer left.
    public var layerCloseDaysToExpiry: Int

    /// After a deferral, no new deferral is recorded for this many sessions (the first one stands).
    public var deferralCooldownSessions: Int
    /// The ALVH path closes whatever the regime once the mark reaches (1 + this) × credit: a risk limit.
    public var hardStopMultiple: Double
    /// The ALVH path closes at this many calendar days to expiry (gamma risk), nil to hold to expiry.
    public var closeAtDaysToExpiry: Int?
    /// A threatened condor is rolled only this many times; after that it is closed.
    public var maximumRolls: Int
    /// A condor with fewer calendar days left than this is closed rather than rolled.
    public var minimumDaysToRoll: Int

    public init(fixedRule: FixedRule = .standard, threatenedDelta: Double = 0.30, inversionRatio: Double = 1.0,
                rsiConfirmation: Double = 70, macdTurnLookback: Int = 3, shockVIXPoints: Double = 5, legsPerRoll: Int = 8,
                hedge: VIXCallHedge = VIXCallHedge(), hedgeCoverage: Double = 0.5, maximumLayerContracts: Int = 20,
                proactiveContractsPerCondor: Double = 0.5, macroEventSessions: Int = 2, reduceFraction: Double = 0.5,
                layerMinimumHoldSessions: Int = 2, layerCloseDaysToExpiry: Int = 2, deferralCooldownSessions: Int = 5,
                hardStopMultiple: Double = 2.0, closeAtDaysToExpiry: Int? = 5, maximumRolls: Int = 2, minimumDaysToRoll: Int = 10) {
        self.fixedRule = fixedRule
        self.threatenedDelta = threatenedDelta
        self.inversionRatio = inversionRatio
        self.rsiConfirmation = rsiConfirmation
        self.macdTurnLookback = macdTurnLookback
        self.shockVIXPoints = shockVIXPoints
        self.legsPerRoll = legsPerRoll
        self.hedge = hedge
        self.hedgeCoverage = hedgeCoverage
        self.maximumLayerContracts = maximumLayerContracts
        self.proactiveContractsPerCondor = proactiveContractsPerCondor
        self.macroEventSessions = macroEventSessions
        self.reduceFraction = reduceFraction
        self.layerMinimumHoldSessions = layerMinimumHoldSessions
        self.layerCloseDaysToExpiry = layerCloseDaysToExpiry
        self.deferralCooldownSessions = deferralCooldownSessions
        self.hardStopMultiple = hardStopMultiple
        self.closeAtDaysToExpiry = closeAtDaysToExpiry
        self.maximumRolls = maximumRolls
        self.minimumDaysToRoll = minimumDaysToRoll
    }
}
