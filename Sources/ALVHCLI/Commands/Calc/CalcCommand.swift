import ArgumentParser

/// `alvh calc`: the finance library's calculators on CSV, so reference sets can be checked without Swift.
struct CalcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calc",
        abstract: "Pricing, implied volatility, XIRR and return-statistics calculators over CSV; the skew model against real CBOE chains (chain-fit, skew-fit).",
        discussion: """
        bsm, black76, iv, xirr and metrics read a CSV with a header row, ignore extra columns and pass them through, \
        and write the input columns followed by the computed ones. When the input already has a column \
        named like an output, the computed value replaces it in place. Numbers are written in full \
        precision (the shortest text that reads back to the same Double). A malformed row stops the \
        command with exit status 2 and a message naming its line; nothing is written then. \
        Units: prices per unit of underlying; vega and volga per 1.00 of volatility; theta dV/dt per year; rho per 1.00 of rate; rates and vols as annual fractions; t_years act/365. bsm, black76, iv, xirr and metrics always write CSV (--json and --database are accepted and ignored); chain-fit and skew-fit print tables, --json or --csv and read their own flags (see their --help).
        """,
        subcommands: [CalcBSM.self, CalcBlack76.self, CalcIV.self, CalcXIRR.self, CalcMetrics.self, CalcChainFit.self, CalcSkewFit.self]
    )
}
