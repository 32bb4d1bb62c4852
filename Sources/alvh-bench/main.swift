import Foundation
// Subcommands (store, finance, replay, ledger, backtest, load) are registered in Bench.swift.
Bench.main()
