/// The model against the market for one expiry of a real chain (`ChainComparison`). Prices per
/// unit (index points), volatilities annual fractions, deltas signed (puts negative).
public struct ExpiryComparison: Sendable, Hashable, Codable {
    public var expiry: CalendarDay
    public var root: ChainRoot
    /// Calendar days from the quote date to the listed expiry.
    public var daysToExpiry: Int
    /// Years from the quote session's close to settlement.
    public var timeYears: Double
    /// The model's forward S·e^((r − q)t).
    public var forward: Double
    /// The 25/16/10-delta puts and 10/16/25-delta calls, in that order.
    public var legs: [LegComparison]
    public var condor: CondorComparison

    /// Whether the condor meets the targets: its real credit exists (all four strikes listed with
    /// real bids), the model credit is within `creditTolerance` of it (relative), and both short
    /// strikes' real deltas are within `deltaTolerance` of the short-delta target. Nil when the
    /// condor cannot be checked (a strike unlisted or without a bid).
    public func meetsTargets(shortDelta: Double = 0.16, creditTolerance: Double = 0.15, deltaTolerance: Double = 0.04) -> Bool? {
        guard let ratio = condor.creditRatio, let put = condor.shortPutRealDelta, let call = condor.shortCallRealDelta else { return nil }
        return abs(ratio - 1) <= creditTolerance && abs(abs(put) - shortDelta) <= deltaTolerance && abs(abs(call) - shortDelta) <= deltaTolerance
    }
}
