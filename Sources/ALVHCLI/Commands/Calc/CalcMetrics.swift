import ArgumentParser
import Finance

/// `alvh calc metrics`: performance statistics of a daily return series (empyrical's conventions).
struct CalcMetrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Statistics of daily simple returns: returns (';'-separated) → \(outputs.joined(separator: ",")) (`none` where a ratio has no denominator).",
        discussion: """
        252 periods a year, risk-free rate 0. cumulative_return = Π(1+r) − 1; annual_return (CAGR) = \
        (1 + cumulative)^(252/n) − 1; annual_volatility = std(r, n − 1) × √252; sharpe = mean / std(n − 1) × √252; \
        sortino = mean × 252 / (√mean(min(r, 0)²) × √252); max_drawdown = the lowest wealth / running peak − 1 of the \
        compounded wealth curve starting at 1; calmar = annual_return / |max_drawdown|.
        """
    )

    static let outputs = ["cumulative_return", "annual_return", "annual_volatility", "sharpe", "sortino", "max_drawdown", "calmar"]

    @OptionGroup var io: CalcIO
    @OptionGroup var global: GlobalOptions

    func run() throws { try io.run(Self.transform) }

    static func transform(_ text: String) throws -> String {
        let table = try CalcTable(text: text)
        let returnsColumn = try table.column("returns")
        return try table.render(outputs: outputs) { row in
            let items = row.values[returnsColumn].split(separator: ";", omittingEmptySubsequences: false)
            var returns: [Double] = []
            for (index, item) in items.enumerated() {
                guard let value = Double(item.trimmingCharacters(in: .whitespaces)), value.isFinite, value > -1 else {
                    throw CLIFailure.invalid("line \(row.line): returns",
                                             "item \(index + 1) must be a finite simple return above -1 (got \"\(item)\")")
                }
                returns.append(value)
            }
            let s = ReturnStatistics(returns: returns)
            return [s.cumulativeReturn, s.annualReturn, s.annualVolatility, s.sharpe, s.sortino, s.maxDrawdown, s.calmar]
                .map { $0.map { "\($0)" } ?? "none" }
        }
    }
}
