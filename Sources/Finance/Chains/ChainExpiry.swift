/// One expiry date of one root, its strikes in increasing order.
public struct ChainExpiry: Sendable, Hashable {
    public var expiry: CalendarDay
    public var root: ChainRoot
    public var strikes: [ChainStrike]

    public init(expiry: CalendarDay, root: ChainRoot, strikes: [ChainStrike]) {
        self.expiry = expiry
        self.root = root
        self.strikes = strikes
    }

    /// The quote of `right` at `strike`, if listed.
    public func quote(_ right: OptionRight, at strike: Double) -> OptionQuoteSide? {
        guard let row = strikes.first(where: { $0.strike == strike }) else { return nil }
        return right == .call ? row.call : row.put
    }
}
