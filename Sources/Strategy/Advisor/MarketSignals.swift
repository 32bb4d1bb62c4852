import Finance

/// The volatility-regime readings at a decision (docs/design.md, "Signals"). Levels in index points.
public struct MarketSignals: Sendable, Hashable, Codable {
    /// SPX level.
    public var spx: Double
    /// VIX spot.
    public var vix: Double
    /// CBOE 3-month volatility index, when recorded.
    public var vix3m: Double?
    /// CBOE 9-day volatility index, when recorded.
    public var vix9d: Double?
    /// MACD(12,26,9) histogram of VIX, the most recent sessions, oldest first (the last is today's).
    public var vixMACDHistogram: [Double]
    /// RSI(14) of VIX (or the front future), 0…100.
    public var rsi: Double?
    /// 20-day close-to-close realized SPX volatility, annual fraction (0.15 = 15 %).
    public var realizedVolatility: Double?
    /// Trading sessions to the next FOMC/CPI/PPI release (0 = today), nil without a calendar.
    public var sessionsToMacroEvent: Int?
    /// Calendar days to that release.
    public var daysToMacroEvent: Int?
    /// Its kind (FOMC, CPI, PPI).
    public var macroEventKind: String?

    public init(spx: Double, vix: Double, vix3m: Double? = nil, vix9d: Double? = nil, vixMACDHistogram: [Double] = [],
                rsi: Double? = nil, realizedVolatility: Double? = nil, sessionsToMacroEvent: Int? = nil,
                daysToMacroEvent: Int? = nil, macroEventKind: String? = nil) {
        self.spx = spx
        self.vix = vix
        self.vix3m = vix3m
        self.vix9d = vix9d
        self.vixMACDHistogram = vixMACDHistogram
        self.rsi = rsi
        self.realizedVolatility = realizedVolatility
        self.sessionsToMacroEvent = sessionsToMacroEvent
        self.daysToMacroEvent = daysToMacroEvent
        self.macroEventKind = macroEventKind
    }

    /// VIX/VIX3M: above 1 is backwardation. nil without VIX3M.
    public var termRatio: Double? { vix3m.flatMap { TermStructure(near: vix, far: $0)?.ratio } }

    /// Today's histogram value.
    public var macdHistogram: Double? { vixMACDHistogram.last }

    /// Implied (VIX/100) minus realized volatility, annual fraction: > 0 when options are rich.
    public var volatilityPremium: Double? { realizedVolatility.map { vix / 100 - $0 } }
}
