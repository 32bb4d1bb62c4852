import Foundation

/// What put-call parity says about rates in a real chain. For one expiry, C − P = S·e^(−qt) −
/// K·e^(−rt) across strikes: a least-squares line of (call mid − put mid) against the strike over
/// the strikes within ±5 % of the spot where both sides have a real bid gives the discount factor
/// (−slope) and the discounted forward (intercept), so the implied rate r = −ln(−slope)/t, forward
/// F = intercept / (−slope) and dividend yield q = r − ln(F/S)/t (continuously compounded).
///
/// Short expiries amplify any offset between the 16:00 index close and the 16:15 option close, so
/// `ChainParity` summarises expiries of 14 days and more.
public struct ParityEstimate: Sendable, Hashable, Codable {
    public var expiry: CalendarDay
    public var daysToExpiry: Int
    public var rate: Double
    public var dividendYield: Double
    public var forward: Double
    /// Strikes used.
    public var strikes: Int

    /// The estimate for one expiry; nil with fewer than 5 strikes or a fit that implies no positive
    /// discount factor.
    public static func estimate(_ expiry: ChainExpiry, in chain: OptionChain) -> ParityEstimate? {
        let t = chain.timeYears(to: expiry)
        let points = expiry.strikes.filter { abs($0.strike / chain.spot - 1) <= 0.05 && $0.call.hasRealBid && $0.put.hasRealBid }
            .map { (x: $0.strike, y: $0.call.mid - $0.put.mid) }
        guard points.count >= 5, t > 0 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / n, meanY = points.reduce(0) { $0 + $1.y } / n
        let sxx = points.reduce(0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
        let sxy = points.reduce(0) { $0 + ($1.x - meanX) * ($1.y - meanY) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx, intercept = meanY - slope * meanX
        guard slope < 0, intercept > 0 else { return nil }
        let rate = -log(-slope) / t, forward = intercept / -slope
        return ParityEstimate(expiry: expiry.expiry, daysToExpiry: chain.daysToExpiry(expiry), rate: rate,
                              dividendYield: rate - log(forward / chain.spot) / t, forward: forward, strikes: points.count)
    }
}
