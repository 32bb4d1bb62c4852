import Foundation
import Ledger

/// One portfolio's daily series as the report draws it: cumulative P&L and drawdown (dollars below
/// the running peak, ≤ 0) per session on both paths, and the per-year statistics.
public struct PerformanceView: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var date: CalendarDate
        public var alvh: Decimal
        public var fixed: Decimal?
        public var alvhDrawdown: Decimal
        public var fixedDrawdown: Decimal?
    }

    /// One calendar year's figures on each path (nil where a path has none).
    public struct Year: Sendable, Hashable {
        public var year: Int
        public var alvhPnL: Decimal
        public var fixedPnL: Decimal?
        public var alvhReturnOnCapitalTime: Double?
        public var fixedReturnOnCapitalTime: Double?
        public var alvhSharpe: Double?
        public var fixedSharpe: Double?
        public var alvhMaxDrawdown: Decimal
        public var fixedMaxDrawdown: Decimal?
        public var alvhWinRate: Double?
        public var fixedWinRate: Double?
    }

    public var portfolio: String
    /// `capital at risk` or `account equity`.
    public var returnsOn: String
    public var points: [Point]
    public var years: [Year]

    public init(portfolio: String, returnsOn: String, points: [Point], years: [Year]) {
        self.portfolio = portfolio
        self.returnsOn = returnsOn
        self.points = points
        self.years = years
    }
}
