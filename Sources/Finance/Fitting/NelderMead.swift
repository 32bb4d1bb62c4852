/// Derivative-free minimisation of a function of a few parameters (Nelder–Mead downhill simplex
/// with the standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½).
/// Deterministic: the same function, start and steps give the same result.
public struct NelderMead: Sendable {
    /// Stop after this many evaluations of the function.
    public var maxEvaluations: Int
    /// Stop when the simplex's values differ by less than this (absolute).
    public var valueTolerance: Double

    public init(maxEvaluations: Int = 4_000, valueTolerance: Double = 1e-10) {
        self.maxEvaluations = maxEvaluations
        self.valueTolerance = valueTolerance
    }

    /// The best point found, its value and the evaluations used.
    public struct Result: Sendable, Hashable {
        public var point: [Double]
        public var value: Double
        public var evaluations: Int
    }

    /// Minimises `f` from `start`, the first simplex stepping each coordinate by `steps`. A
    /// non-finite value counts as +∞ (the simplex moves away from it).
    public func minimize(_ f: ([Double]) -> Double, start: [Double], steps: [Double]) -> Result {
        precondition(start.count == steps.count && !start.isEmpty, "one step per coordinate")
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        var simplex = [start] + start.indices.map { i in var x = start; x[i] += steps[i]; return x }
        var values = simplex.map(value)
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if values.last! - values[0] < valueTolerance { break }
            let n = start.count
            let centroid = (0..<n).map { j in simplex.dropLast().reduce(0) { $0 + $1[j] } / Double(n) }
            func toward(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = toward(-1), reflectedValue = value(reflected)
            if reflectedValue < values[0] {
                let expanded = toward(-2), expandedValue = value(expanded)
                (simplex[n], values[n]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < values[n - 1] {
                (simplex[n], values[n]) = (reflected, reflectedValue)
            } else {
                let contracted = reflectedValue < values[n] ? toward(-0.5) : toward(0.5)
                let contractedValue = value(contracted)
                if contractedValue < min(reflectedValue, values[n]) {
                    (simplex[n], values[n]) = (contracted, contractedValue)
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = value(simplex[i])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[best], value: values[best], evaluations: evaluations)
    }
}
