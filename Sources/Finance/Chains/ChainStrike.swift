/// A listed strike: the call and the put.
public struct ChainStrike: Sendable, Hashable {
    public var strike: Double
    public var call: OptionQuoteSide
    public var put: OptionQuoteSide

    public init(strike: Double, call: OptionQuoteSide, put: OptionQuoteSide) {
        self.strike = strike
        self.call = call
        self.put = put
    }
}
