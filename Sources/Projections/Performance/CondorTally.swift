import Foundation
import Ledger

/// Per-condor figures over the condors that ended in a range (their own P&L, fees included).
public struct CondorTally: Sendable, Hashable {
    public var count: Int
    public var wins: Int
    public var losses: Int
    /// Dollars won by winners, and lost by losers (≤ 0).
    public var grossWin: Decimal
    public var grossLoss: Decimal
    public var worst: CondorResult?
    public var best: CondorResult?

    public init(_ results: [CondorResult]) {
        count = results.count
        let won = results.filter { $0.pnl > 0 }, lost = results.filter { $0.pnl < 0 }
        wins = won.count
        losses = lost.count
        grossWin = won.reduce(0) { $0 + $1.pnl }
        grossLoss = lost.reduce(0) { $0 + $1.pnl }
        worst = results.min { ($0.pnl, $0.condorID.uuidString) < ($1.pnl, $1.condorID.uuidString) }
        best = results.max { ($0.pnl, $1.condorID.uuidString) < ($1.pnl, $0.condorID.uuidString) }
    }

    /// Winners ÷ condors; nil with none.
    public var winRate: Double? { count == 0 ? nil : Double(wins) / Double(count) }
    /// Gross win ÷ |gross loss|; nil without a loss.
    public var profitFactor: Double? { grossLoss == 0 ? nil : NSDecimalNumber(decimal: grossWin / -grossLoss).doubleValue }
    /// Mean P&L per condor (dollars); nil with none.
    public var expectancy: Decimal? { count == 0 ? nil : (grossWin + grossLoss) / Decimal(count) }
    public var averageWin: Decimal? { wins == 0 ? nil : grossWin / Decimal(wins) }
    /// ≤ 0.
    public var averageLoss: Decimal? { losses == 0 ? nil : grossLoss / Decimal(losses) }
}
