import Foundation
import Testing
@testable import Finance

@Suite("Return statistics")
struct ReturnStatisticsTests {
    static let columns = ["cumulative_return", "annual_return", "annual_volatility", "sharpe", "sortino", "max_drawdown", "calmar"]

    static func values(_ s: ReturnStatistics) -> [Double?] {
        [s.cumulativeReturn, s.annualReturn, s.annualVolatility, s.sharpe, s.sortino, s.maxDrawdown, s.calmar]
    }

    @Test("every row of metrics_vectors.csv (empyrical) within 1e-9 relative")
    func oracleRows() throws {
        let rows = OracleFiles.rows("metrics_vectors.csv")
        #expect(rows.count == 60)
        for row in rows {
            let returns = row.text("returns").split(separator: ";").map { Double($0)! }
            let computed = Self.values(ReturnStatistics(returns: returns))
            for (name, value) in zip(Self.columns, computed) {
                let expected = row.double(name)
                let actual = try #require(value, "line \(row.line): \(name) is none, expected \(expected)")
                #expect(abs(actual - expected) <= 1e-9 * abs(expected), "line \(row.line): \(name) \(actual) vs \(expected)")
            }
        }
    }

    @Test("a hand-checked series: +10 %, −20 %, +5 %")
    func handChecked() throws {
        let s = ReturnStatistics(returns: [0.10, -0.20, 0.05])
        // Wealth 1.10, 0.88, 0.924: peak 1.10, trough 0.88 → drawdown 0.88/1.10 − 1 = −0.2.
        #expect(abs(try #require(s.cumulativeReturn) - (-0.076)) < 1e-15)
        #expect(abs(try #require(s.maxDrawdown) - (-0.2)) < 1e-15)
        #expect(abs(try #require(s.annualReturn) - (pow(0.924, 84) - 1)) < 1e-15)
        // Mean −0.05/3, sample variance Σ(r − mean)²/2.
        let mean = -0.05 / 3
        let variance = ([0.10, -0.20, 0.05].map { ($0 - mean) * ($0 - mean) }.reduce(0, +)) / 2
        #expect(abs(try #require(s.annualVolatility) - variance.squareRoot() * 252.0.squareRoot()) < 1e-14)
        #expect(abs(try #require(s.sharpe) - mean / variance.squareRoot() * 252.0.squareRoot()) < 1e-12)
        // Downside: √(0.04 / 3) × √252.
        #expect(abs(try #require(s.sortino) - mean * 252 / ((0.04 / 3).squareRoot() * 252.0.squareRoot())) < 1e-12)
        #expect(abs(try #require(s.calmar) - (pow(0.924, 84) - 1) / 0.2) < 1e-12)
    }

    @Test("a drawdown from the starting wealth counts: a first loss is a drawdown")
    func drawdownFromTheStart() throws {
        let s = ReturnStatistics(returns: [-0.1, 0.05])
        #expect(abs(try #require(s.maxDrawdown) - (-0.1)) < 1e-15)
    }

    @Test("no risk taken: ratios are none, never a division by zero")
    func noRisk() {
        let flat = ReturnStatistics(returns: [0, 0, 0])
        #expect(flat.cumulativeReturn == 0 && flat.maxDrawdown == 0 && flat.annualVolatility == 0)
        #expect(flat.sharpe == nil && flat.sortino == nil && flat.calmar == nil)
        let gains = ReturnStatistics(returns: [0.01, 0.02])
        #expect(gains.sortino == nil && gains.calmar == nil && gains.sharpe != nil)
        let empty = ReturnStatistics(returns: [])
        #expect(empty.count == 0 && empty.cumulativeReturn == nil && empty.sharpe == nil && empty.maxDrawdown == nil)
    }
}
