import ArgumentParser

/// `alvh-bench`: performance figures, each printed as `name = value unit`. Run in release.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alvh-bench",
        abstract: "Measure ALVH Ledger's store, finance library and projections (build with -c release).",
        subcommands: [StoreBench.self, FinanceBench.self, ReplayBench.self, LedgerBench.self, BacktestBench.self, BacktestRecordingBench.self, LoadBench.self, StatsBench.self, StudyBench.self]
    )
}
