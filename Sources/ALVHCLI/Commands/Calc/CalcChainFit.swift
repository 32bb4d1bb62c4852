import ArgumentParser
import Finance
import Foundation

/// `alvh calc chain-fit --chain FILE --vix …`: the skew model against a real CBOE chain.
struct CalcChainFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain-fit",
        abstract: "Model vs a real CBOE SPX chain: 10/16/25-delta legs and the default condor per expiry.",
        discussion: """
        For each expiry (one root per date: SPXW where both are listed) with --min-dte…--max-dte calendar days: \
        the puts and calls the model selects at 25/16/10 delta (its own strike selection on the 5-point grid), \
        their model and real mid (bid/ask average, only with a real bid) and volatility (the real one is the \
        Black-Scholes-Merton volatility of the real mid with the same spot, rate, dividend yield and time), \
        CBOE's delta; then the default condor (16-delta shorts, 50-point wings, like the backtest): model and \
        real mid credit, their ratio, and CBOE's deltas of the two short strikes; `ok` when the credit is within \
        15 % and both deltas within 0.04 of 0.16. Time runs from the quote session's close to settlement \
        (SPXW at the expiry session's close, SPX at its 09:30 opening). Also prints the rate and dividend yield \
        put-call parity implies (medians over expiries of 14 days and more). Prices per unit (index points).
        """)

    @Option(name: .long, help: ArgumentHelp("CBOE chain CSV (the layout of shared/data/SOURCES.md); repeat for several.", valueName: "FILE"))
    var chain: [String]

    @OptionGroup var market: ChainMarketOptions

    @Option(help: ArgumentHelp("Skew parameters as JSON (what `alvh calc skew-fit --json` prints); default: the shipped fit.", valueName: "FILE"))
    var skew: String?

    @Option(name: .customLong("min-dte"), help: "Fewest calendar days to expiry compared.") var minDTE = 7
    @Option(name: .customLong("max-dte"), help: "Most calendar days to expiry compared.") var maxDTE = 70
    @Flag(help: "Print CSV (one row per expiry) instead of tables.") var csv = false
    @OptionGroup var global: GlobalOptions

    func checkFlags() throws {
        try market.check()
        guard !chain.isEmpty else { throw CLIFailure.invalid("--chain", "give at least one chain file") }
        guard minDTE >= 0, minDTE <= maxDTE else { throw CLIFailure.invalid("--min-dte", "must be ≥ 0 and ≤ --max-dte (got \(minDTE)…\(maxDTE))") }
        if global.json && csv { throw CLIFailure.invalid("--csv", "cannot be combined with --json: choose one output format") }
    }

    func run() throws {
        try checkFlags()
        let skew = try Self.readSkew(self.skew)
        var cache: [String: [String: Double]] = [:]
        var reports: [ChainFitReport] = []
        for path in chain {
            let file = try ChainFile.read(path)
            let levels = try market.levels(at: file.quoteDate, cache: &cache)
            let inputs = ChainComparison.Inputs(skew: skew, levels: levels, rate: market.rate, dividendYield: market.dividendYield)
            let expiries = try Self.compute("--chain \(path)") { try ChainComparison(inputs: inputs).compare(file, days: minDTE...maxDTE) }
            reports.append(ChainFitReport(path: path, chain: file, inputs: inputs, expiries: expiries, parity: ChainParity(file)))
        }
        if global.json {
            try ReviewOutput.json(["skew": ChainFitReport.json(skew), "chains": reports.map(\.json)])
        } else if csv {
            ReviewOutput.csv(ChainFitReport.csvHeader, reports.flatMap(\.csvRows))
        } else {
            for (index, report) in reports.enumerated() {
                if index > 0 { print("") }
                report.printTables()
            }
        }
    }

    /// The shipped skew, or the JSON in `path` (validated).
    static func readSkew(_ path: String?) throws -> VolatilitySkew {
        guard let path else { return VolatilitySkew() }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIFailure.invalid("--skew", "cannot read \(path)") }
        let skew: VolatilitySkew
        do { skew = try JSONDecoder().decode(VolatilitySkew.self, from: data) } catch {
            throw CLIFailure.invalid("--skew", "\(path) is not a skew's JSON (\(error))")
        }
        do { try skew.validate() } catch let error as FinanceError { throw CLIFailure.invalid("--skew \(error.field)", error.rule) }
        return skew
    }

    /// Runs a finance computation, turning its errors into `field: rule` usage errors.
    static func compute<T>(_ context: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FinanceError { throw CLIFailure.invalid("\(context): \(error.field)", error.rule) }
    }
}
