import Foundation

/// The volatility-regime readings at a decision, when the trader gave them. All optional;
/// levels in index points, `rsi` 0…100, `daysToMacroEvent` in calendar days.
public struct DecisionSignals: Codable, Sendable, Hashable {
    @OptionalDecimalText public var spx: Decimal?
    @OptionalDecimalText public var vix: Decimal?
    @OptionalDecimalText public var vix9d: Decimal?
    @OptionalDecimalText public var vix3m: Decimal?
    /// Front-month VIX future.
    @OptionalDecimalText public var vxFront: Decimal?
    /// Second-month VIX future.
    @OptionalDecimalText public var vxSecond: Decimal?
    /// MACD(12,26,9) histogram of VIX.
    @OptionalDecimalText public var vixMACDHistogram: Decimal?
    /// RSI(14) of the front VIX future (or VIX).
    @OptionalDecimalText public var rsi: Decimal?
    @OptionalDecimalText public var advanceDecline: Decimal?
    public var daysToMacroEvent: Int?

    public init(spx: Decimal? = nil, vix: Decimal? = nil, vix9d: Decimal? = nil, vix3m: Decimal? = nil,
                vxFront: Decimal? = nil, vxSecond: Decimal? = nil, vixMACDHistogram: Decimal? = nil,
                rsi: Decimal? = nil, advanceDecline: Decimal? = nil, daysToMacroEvent: Int? = nil) {
        self.spx = spx
        self.vix = vix
        self.vix9d = vix9d
        self.vix3m = vix3m
        self.vxFront = vxFront
        self.vxSecond = vxSecond
        self.vixMACDHistogram = vixMACDHistogram
        self.rsi = rsi
        self.advanceDecline = advanceDecline
        self.daysToMacroEvent = daysToMacroEvent
    }

    /// True when no signal was given.
    public var isEmpty: Bool { self == DecisionSignals() }
}
