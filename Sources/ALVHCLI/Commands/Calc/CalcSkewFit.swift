import ArgumentParser
import Finance
import Foundation

/// `alvh calc skew-fit --chain FILE… --vix …`: fits the skew model's parameters to real chains.
struct CalcSkewFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skew-fit",
        abstract: "Fit the skew model (VolatilitySkew) to real CBOE SPX chains and print its parameters.",
        discussion: """
        Minimises the mean squared relative error of the model's volatility against each option's real one \
        (the Black-Scholes-Merton volatility of its mid at --rate and --dividend-yield), averaged per expiry then \
        over expiries, with Nelder–Mead from a fixed start (SkewFit.start, or --start). Options: one root per expiry \
        (SPXW where both are listed), --min-dte…--max-dte calendar days, out of the money against the model forward, \
        a real bid, |delta| --min-delta…--max-delta at its real volatility. Deterministic: the same chains and flags print the same parameters. \
        --json prints the parameters as the skew JSON that `alvh calc chain-fit --skew` reads, plus a `fit` object.
        """)

    @Option(name: .long, help: ArgumentHelp("CBOE chain CSV; repeat for each chain to fit.", valueName: "FILE"))
    var chain: [String]

    @OptionGroup var market: ChainMarketOptions

    @Option(help: ArgumentHelp("Start the search from these skew parameters (JSON) instead of SkewFit.start.", valueName: "FILE"))
    var start: String?

    @Option(name: .customLong("min-dte"), help: "Fewest calendar days to expiry fitted.") var minDTE = 7
    @Option(name: .customLong("max-dte"), help: "Most calendar days to expiry fitted.") var maxDTE = 70
    @Option(name: .customLong("min-delta"), help: "Smallest |delta| of an option fitted.") var minDelta = SkewFit.Selection().deltas.lowerBound
    @Option(name: .customLong("max-delta"), help: "Largest |delta| of an option fitted.") var maxDelta = SkewFit.Selection().deltas.upperBound
    @OptionGroup var global: GlobalOptions

    func checkFlags() throws {
        try market.check()
        guard !chain.isEmpty else { throw CLIFailure.invalid("--chain", "give at least one chain file") }
        guard minDTE >= 0, minDTE <= maxDTE else { throw CLIFailure.invalid("--min-dte", "must be ≥ 0 and ≤ --max-dte (got \(minDTE)…\(maxDTE))") }
        guard minDelta > 0, minDelta <= maxDelta, maxDelta <= 1 else {
            throw CLIFailure.invalid("--min-delta", "must be > 0 and ≤ --max-delta ≤ 1 (got \(minDelta)…\(maxDelta))")
        }
    }

    func run() throws {
        try checkFlags()
        let start = try start.map { try CalcChainFit.readSkew($0) } ?? SkewFit.start
        var cache: [String: [String: Double]] = [:]
        var samples: [SkewFit.ExpirySamples] = []
        for path in chain {
            let file = try ChainFile.read(path)
            let levels = try market.levels(at: file.quoteDate, cache: &cache)
            samples += try CalcChainFit.compute("--chain \(path)") {
                try SkewFit.samples(file, levels: levels, rate: market.rate, dividendYield: market.dividendYield,
                                    selection: SkewFit.Selection(days: minDTE...maxDTE, deltas: minDelta...maxDelta))
            }
        }
        let result = try CalcChainFit.compute("--chain") { try SkewFit.fit(samples, start: start) }
        let fit: [String: Any] = ["loss": result.loss, "start_loss": result.startLoss, "rms_relative_error": result.loss.squareRoot(),
                                  "expiries": result.expiries, "options": result.options, "evaluations": result.evaluations, "chains": chain]
        if global.json {
            var object = ChainFitReport.json(result.skew)
            object["fit"] = fit
            try ReviewOutput.json(object)
        } else {
            ReviewOutput.table(["parameter", "value"], result.skew.parameters.map { [$0.name, "\($0.value)"] })
            print("")
            print("fitted \(result.options) options in \(result.expiries) expiries of \(chain.count) chain(s): rms relative volatility error \(String(format: "%.4f", result.loss.squareRoot())) (from \(String(format: "%.4f", result.startLoss.squareRoot())) at the start), \(result.evaluations) evaluations")
        }
    }
}
