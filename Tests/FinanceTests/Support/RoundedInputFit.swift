import Foundation

/// The oracle CSVs print their inputs (spot/forward, vol, rate, dividend yield) rounded to 6
/// decimals, while the reference outputs were computed from the unrounded inputs: no row of
/// bsm_vectors.csv or black76_vectors.csv matches the README tolerance at the printed inputs in any
/// implementation, and every row is reproduced exactly by inputs within ±5e-7 of the printed ones.
///
/// This helper makes the comparison honest: it finds (damped Gauss-Newton, tiny Tikhonov term) the
/// perturbation δ of the rounded inputs that best reproduces every reference column with our model,
/// and reports δ and the worst residual in units of each column's README tolerance. A test passes a
/// row only when |δ| ≤ 5e-7 on every input (the rounding) and every residual ≤ 1 tolerance.
enum RoundedInputFit {
    struct Result {
        var perturbation: [Double]
        /// max over columns of |model − reference| / tolerance at the fitted inputs.
        var worstResidual: Double
        var worstColumn: Int
    }

    static func fit(inputs: [Double], model: ([Double]) -> [Double], expected: [Double], tolerance: [Double],
                    halfWidth: Double = 5e-7) -> Result {
        let n = inputs.count, m = expected.count
        var delta = [Double](repeating: 0, count: n)
        func residuals(_ d: [Double]) -> [Double] {
            let values = model(zip(inputs, d).map { $0 + $1 })
            return (0..<m).map { (values[$0] - expected[$0]) / tolerance[$0] }
        }
        for _ in 0..<4 {
            let r = residuals(delta)
            // Jacobian by central differences in units of halfWidth.
            var jacobian = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
            for j in 0..<n {
                var up = delta, down = delta
                up[j] += halfWidth
                down[j] -= halfWidth
                let ru = residuals(up), rd = residuals(down)
                for i in 0..<m { jacobian[i][j] = (ru[i] - rd[i]) / 2 }
            }
            // (JᵀJ + λI) x = −Jᵀr, x in units of halfWidth.
            var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
            for p in 0..<n {
                for q in 0..<n { a[p][q] = (0..<m).reduce(0) { $0 + jacobian[$1][p] * jacobian[$1][q] } }
                a[p][p] += 1e-9 * max(a[p][p], 1)
                a[p][n] = -(0..<m).reduce(0) { $0 + jacobian[$1][p] * r[$1] }
            }
            for col in 0..<n {
                let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
                a.swapAt(col, pivot)
                guard a[col][col] != 0 else { continue }
                for row in 0..<n where row != col {
                    let factor = a[row][col] / a[col][col]
                    for k in col...n { a[row][k] -= factor * a[col][k] }
                }
            }
            for j in 0..<n where a[j][j] != 0 { delta[j] += a[j][n] / a[j][j] * halfWidth }
        }
        let r = residuals(delta)
        var worst = 0.0, column = 0
        for (i, value) in r.enumerated() where abs(value) > worst {
            worst = abs(value)
            column = i
        }
        return Result(perturbation: delta, worstResidual: worst, worstColumn: column)
    }
}
