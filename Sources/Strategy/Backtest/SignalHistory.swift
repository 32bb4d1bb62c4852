import Finance

/// Computes the advisor's signals for each session from the closes up to it (never later ones):
/// MACD(12,26,9) histogram and RSI(14) of VIX over the last `window` closes, 20-day realized SPX
/// vol, and the next FOMC/CPI/PPI release from the calendar (sessions counted as weekdays).
public struct SignalHistory: Sendable {
    public let days: [MarketDay]
    public let calendar: EventCalendar?
    /// Closes looked back for MACD and RSI (EMAs are seeded at the window's start).
    public var window = 260

    public init(days: [MarketDay], calendar: EventCalendar?) {
        self.days = days
        self.calendar = calendar
    }

    /// Signals at the close of `days[index]`.
    public func signals(at index: Int) -> MarketSignals {
        let day = days[index]
        let start = max(0, index - window + 1)
        let vix = days[start...index].map(\.vix)
        let histogram = vix.count >= 2 ? Array(MACD(vix).histogram.suffix(5)) : []
        let rsi = RelativeStrengthIndex.latest(vix)
        let spx = days[max(0, index - 20)...index].map(\.spx)
        let realized = RealizedVolatility.latest(spx, window: 20)
        let next = calendar?.next(onOrAfter: day.date)
        return MarketSignals(spx: day.spx, vix: day.vix, vix3m: day.vix3m, vix9d: day.vix9d, vixMACDHistogram: histogram, rsi: rsi,
                             realizedVolatility: realized,
                             sessionsToMacroEvent: next.map { EventCalendar.sessions(after: day.date, through: $0.date) },
                             daysToMacroEvent: next.map { $0.date.daysSinceEpoch - day.date.daysSinceEpoch },
                             macroEventKind: next?.kind.rawValue)
    }
}
