/// One option's end-of-day quote with CBOE's own implied volatility and delta (0 where CBOE gives
/// none, e.g. deep in the money).
public struct OptionQuoteSide: Sendable, Hashable {
    public var bid: Double
    public var ask: Double
    /// CBOE's implied volatility (annual fraction).
    public var impliedVolatility: Double
    /// CBOE's delta (negative for puts).
    public var delta: Double

    public init(bid: Double, ask: Double, impliedVolatility: Double, delta: Double) {
        self.bid = bid
        self.ask = ask
        self.impliedVolatility = impliedVolatility
        self.delta = delta
    }

    /// A two-sided market: bid > 0 and ask ≥ bid.
    public var hasRealBid: Bool { bid > 0 && ask >= bid }

    /// (bid + ask) / 2.
    public var mid: Double { (bid + ask) / 2 }
}
